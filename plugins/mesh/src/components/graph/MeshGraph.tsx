import { DependencyGraph, DependencyGraphTypes } from '@backstage/core-components';
import { useTheme } from '@material-ui/core/styles';
import { EdgeHealth, GraphEdge } from './trafficGraph';

/** A box of a mesh graph: a name, a line under it, its hover text; filled for the one the graph is about. */
export interface MeshGraphNode {
  id: string;
  name: string;
  subtitle: string;
  hover?: string;
  filled?: boolean;
}

/** The colours of an edge's health, from the theme's status palette. */
function useHealthColours(): Record<EdgeHealth, string> {
  const theme = useTheme();
  return { healthy: theme.palette.status.ok, degraded: theme.palette.status.warning, failing: theme.palette.status.error, idle: theme.palette.text.secondary };
}

function Node({ node }: { node: MeshGraphNode }) {
  const theme = useTheme();
  const width = Math.max(130, Math.max(node.name.length, node.subtitle.length * 0.85) * 7.5 + 24);
  const text = node.filled ? theme.palette.primary.contrastText : theme.palette.text.primary;
  return (
    <g aria-label={`${node.subtitle}: ${node.name}`}>
      <title>{node.hover ?? node.name}</title>
      <rect
        width={width}
        height={44}
        rx={8}
        fill={node.filled ? theme.palette.primary.main : theme.palette.background.paper}
        stroke={theme.palette.primary.main}
        strokeWidth={node.filled ? 0 : 1.5}
      />
      <text x={width / 2} y={19} textAnchor="middle" fontSize={13} fontWeight="bold" fill={text}>
        {node.name}
      </text>
      <text x={width / 2} y={35} textAnchor="middle" fontSize={11} fill={node.filled ? text : theme.palette.text.secondary}>
        {node.subtitle}
      </text>
    </g>
  );
}

/**
 * A graph of calls laid out by Backstage's DependencyGraph, left to right: each arrow coloured by its
 * health, dashed where no call was seen, and labelled (a padlock where every call was mutual TLS).
 */
export function MeshGraph({ label, nodes, edges }: { label: string; nodes: MeshGraphNode[]; edges: GraphEdge[] }) {
  const colours = useHealthColours();
  const theme = useTheme();
  const dependencyEdges: DependencyGraphTypes.DependencyEdge<GraphEdge>[] = edges;
  return (
    <div aria-label={label}>
      <DependencyGraph<MeshGraphNode, GraphEdge>
        nodes={nodes}
        edges={dependencyEdges}
        direction={DependencyGraphTypes.Direction.LEFT_RIGHT}
        rankMargin={200}
        nodeMargin={30}
        paddingX={20}
        paddingY={20}
        zoom="disabled"
        fit="contain"
        renderNode={({ node }) => <Node node={node} />}
        renderEdge={({ edge }) => {
          // A custom edge draws its own label (the default edge's labels go with the default edge): centred on the arrow's middle.
          const middle = edge.points[Math.floor(edge.points.length / 2)] ?? { x: 0, y: 0 };
          const text = `${edge.mtls ? '🔒 ' : ''}${edge.label ?? ''}`;
          const width = text.length * 6.3 + 12;
          return (
            <g key={`${edge.from}-${edge.to}`} data-testid="mesh-graph-edge" data-health={edge.health}>
              <path
                d={`M${edge.points.map(p => `${p.x},${p.y}`).join('L')}`}
                fill="none"
                stroke={colours[edge.health]}
                strokeWidth={2.5}
                strokeDasharray={edge.seen ? undefined : '6 4'}
              />
              {edge.label && (
                <g transform={`translate(${middle.x},${middle.y})`}>
                  <rect x={-width / 2} y={-11} width={width} height={22} rx={4} fill={theme.palette.background.paper} stroke={colours[edge.health]} />
                  <text textAnchor="middle" y={4} fontSize={11} fill={theme.palette.text.primary}>
                    {text}
                  </text>
                </g>
              )}
            </g>
          );
        }}
      />
    </div>
  );
}
