"use server";

import { defineAction } from "@/lib/domain/define-action";
import { compareInput, mergeInput, publishInput, repositoryIdInput, repositoryInput, updateRepositoryInput } from "./input";
import { compareWithRepository } from "./mutations/compare";
import { mergePublish } from "./mutations/merge";
import { publishManifests } from "./mutations/publish";
import { createRepository, deleteRepository, updateRepository } from "./mutations/repositories";

const rm = "release_manager" as const;
const repositoriesPage = () => ["/manifest-repositories"];

export const createRepositoryAction = defineAction({ name: "manifests.repository.create", role: "admin", verb: "manage manifest repositories", input: repositoryInput, run: (input, actor) => createRepository(actor, input), revalidate: repositoriesPage });
export const updateRepositoryAction = defineAction({ name: "manifests.repository.update", role: "admin", verb: "manage manifest repositories", input: updateRepositoryInput, run: (input, actor) => updateRepository(actor, input), revalidate: repositoriesPage });
export const deleteRepositoryAction = defineAction({ name: "manifests.repository.delete", role: "admin", verb: "manage manifest repositories", input: repositoryIdInput, run: (input, actor) => deleteRepository(actor, input), revalidate: repositoriesPage });

export const publishManifestsAction = defineAction({
  name: "manifests.publish",
  role: rm,
  verb: "publish manifests",
  input: publishInput,
  run: (input, actor) => publishManifests(actor, input),
  revalidate: (_d, input) => [`/releases/${input.releaseId}/manifests`, `/releases/${input.releaseId}`],
});

export const mergePublishAction = defineAction({ name: "manifests.merge", role: rm, verb: "approve and merge manifests", input: mergeInput, run: (input, actor) => mergePublish(actor, input) });

export const compareManifestsAction = defineAction({
  name: "manifests.compare",
  role: rm,
  verb: "compare with the manifest repository",
  input: compareInput,
  run: (input, actor) => compareWithRepository(actor, input),
});
