"use server";

import { defineAction } from "@/lib/domain/define-action";
import { createEndpointInput, endpointIdInput, redeliverInput, setEndpointActiveInput } from "./input";
import { createEndpoint, redeliver, sendTestEvent, setEndpointActive } from "./mutations/webhooks";

export const createEndpointAction = defineAction({
  name: "webhook.create",
  role: "admin",
  verb: "add webhooks",
  input: createEndpointInput,
  run: (input, actor) => createEndpoint(actor, input),
  revalidate: () => ["/webhooks"],
});

export const setEndpointActiveAction = defineAction({
  name: "webhook.set_active",
  role: "admin",
  verb: "enable or disable webhooks",
  input: setEndpointActiveInput,
  run: (input, actor) => setEndpointActive(actor, input),
  revalidate: (d) => ["/webhooks", `/webhooks/${d.id}`],
});

export const redeliverAction = defineAction({
  name: "webhook.redeliver",
  role: "admin",
  verb: "redeliver webhooks",
  input: redeliverInput,
  run: (input, actor) => redeliver(actor, input),
  revalidate: (d) => [`/webhooks/${d.endpointId}`],
});

export const sendTestEventAction = defineAction({
  name: "webhook.test",
  role: "admin",
  verb: "send test events",
  input: endpointIdInput,
  run: (input, actor) => sendTestEvent(actor, input),
  revalidate: (_d, input) => [`/webhooks/${input.endpointId}`],
});
