"use server";

import { defineAction } from "@/lib/domain/define-action";
import { createCustomerInput, customerIdInput, updateCustomerInput } from "./input";
import {
  archiveCustomer as archive,
  createCustomer as create,
  restoreCustomer as restore,
  updateCustomer as update,
} from "@/lib/domain/customers/mutations/customers";

// A customer shows on the customers list, its own page and its cluster's page (and the old
// cluster's page after a move).
const paths = (id: number, ...clusterIds: number[]) => [
  "/customers",
  `/customers/${id}`,
  "/clusters",
  ...clusterIds.map((c) => `/clusters/${c}`),
];

export const createCustomer = defineAction({
  name: "customer.create",
  role: "release_manager",
  verb: "add customers",
  input: createCustomerInput,
  run: (input, actor) => create(input, actor),
  revalidate: (data, input) => paths(data.id, input.clusterId),
});

export const updateCustomer = defineAction({
  name: "customer.update",
  role: "release_manager",
  verb: "edit customers",
  input: updateCustomerInput,
  run: (input, actor) => update(input, actor),
  revalidate: (data) => paths(data.id, data.clusterId, data.previousClusterId),
});

export const archiveCustomer = defineAction({
  name: "customer.archive",
  role: "release_manager",
  verb: "archive customers",
  input: customerIdInput,
  run: (input, actor) => archive(input, actor),
  revalidate: (data) => paths(data.id, data.clusterId),
});

export const restoreCustomer = defineAction({
  name: "customer.restore",
  role: "release_manager",
  verb: "restore customers",
  input: customerIdInput,
  run: (input, actor) => restore(input, actor),
  revalidate: (data) => paths(data.id, data.clusterId),
});
