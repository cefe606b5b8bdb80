"use server";

import { defineAction } from "@/lib/domain/define-action";
import { clusterIdInput, createClusterInput, updateClusterInput } from "./input";
import { createCluster as create, deleteCluster as remove, updateCluster as update } from "@/lib/domain/clusters/mutations/clusters";

// Clusters change what every customer list and picker shows, hence the customers paths too.
const paths = (id: number) => ["/clusters", `/clusters/${id}`, "/customers"];

export const createCluster = defineAction({
  name: "cluster.create",
  role: "release_manager",
  verb: "create clusters",
  input: createClusterInput,
  run: (input, actor) => create(input, actor),
  revalidate: (data) => paths(data.id),
});

export const updateCluster = defineAction({
  name: "cluster.update",
  role: "release_manager",
  verb: "edit clusters",
  input: updateClusterInput,
  run: (input, actor) => update(input, actor),
  revalidate: (data) => paths(data.id),
});

export const deleteCluster = defineAction({
  name: "cluster.delete",
  role: "release_manager",
  verb: "delete clusters",
  input: clusterIdInput,
  run: (input, actor) => remove(input, actor),
  revalidate: (data) => paths(data.id),
});
