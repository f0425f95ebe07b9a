import { describeExamples } from '../__testUtils__/examples';
import { createMeshGitopsPullRequestAction } from './pullRequest';
import { pullRequestExamples } from './pullRequest.examples';

describeExamples('mesh:gitops:pull-request', pullRequestExamples, createMeshGitopsPullRequestAction);
