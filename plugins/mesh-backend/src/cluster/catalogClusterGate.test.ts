import { ConfigReader } from '@backstage/config';
import { catalogClusterRefusal, hostAllowed, readCatalogClusterRules } from './catalogClusterGate';

const rulesOf = (allowedHosts: string[], configured: string[] = []) =>
  readCatalogClusterRules(new ConfigReader({ mesh: { status: { catalogClusters: { allowedHosts } } } }), new Set(configured));
const cluster = (name: string, url: string) => ({ name, url, authMetadata: {} });

describe('which catalog-registered clusters the backend will send its credentials to', () => {
  it('matches a host exactly, or under a *.domain, and nothing that only looks alike', () => {
    const patterns = ['k8s.example.com', '*.eks.amazonaws.com'];
    expect(hostAllowed('K8S.example.com', patterns)).toBe(true);
    expect(hostAllowed('abc.gr7.eu-west-1.eks.amazonaws.com', patterns)).toBe(true);
    expect(hostAllowed('eks.amazonaws.com', patterns)).toBe(false);
    expect(hostAllowed('evil-eks.amazonaws.com', patterns)).toBe(false);
    expect(hostAllowed('k8s.example.com.attacker.io', patterns)).toBe(false);
    expect(hostAllowed(`${'a.'.repeat(200)}eks.amazonaws.com`, patterns)).toBe(false);
  });

  it('names the setting and the pattern it cannot read', () => {
    expect(() => rulesOf(['https://k8s.example.com'])).toThrow(
      'mesh.status.catalogClusters.allowedHosts[0]: "https://k8s.example.com" is not a host name or *.domain',
    );
    expect(() => rulesOf(['ok.example.com', 'a*.example.com'])).toThrow('allowedHosts[1]');
    expect(() => rulesOf(['*.'])).toThrow('allowedHosts[0]');
  });

  it('says why a cluster is refused: a configured or located name, a host not allowed, a URL that is none', () => {
    const rules = rulesOf(['*.example.com'], ['prod']);
    expect(catalogClusterRefusal(cluster('prod', 'https://a.example.com'), rules, new Set())).toBe(
      'its name "prod" belongs to a cluster the configuration names',
    );
    expect(catalogClusterRefusal(cluster('dev', 'https://a.example.com'), rules, new Set(['dev']))).toMatch('belongs to a cluster the configuration names');
    expect(catalogClusterRefusal(cluster('dev', 'https://a.attacker.io'), rules, new Set())).toMatch(
      '"a.attacker.io" is not in mesh.status.catalogClusters.allowedHosts',
    );
    expect(catalogClusterRefusal(cluster('dev', 'not a url'), rules, new Set())).toBe('its API server URL is not a URL');
    expect(catalogClusterRefusal(cluster('dev', 'https://a.example.com:6443'), rules, new Set())).toBeUndefined();
  });
});
