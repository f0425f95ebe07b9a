export { GithubTestServer } from './githubTestServer';
export type { TestPullRequest } from './githubTestServer';
export { GitlabTestServer } from './gitlabTestServer';
export type { TestMergeRequest } from './gitlabTestServer';
export { GithubOpenApi } from './githubOpenApi';
export type { OpenApiCheck } from './githubOpenApi';
export type { RecordedRequest } from './scmTestServer';
export type { Fault } from './faults';
