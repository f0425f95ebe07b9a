import Typography from '@material-ui/core/Typography';
import { DataPlaneComparison, DataPlaneCost } from '@meshport/plugin-mesh-common';
import { cpu, memory } from './format';

function partsInWords(cost: DataPlaneCost): string {
  return cost.parts.map(part => `${part.name}: ${part.basis}`).join('; ') || 'nothing';
}

/** "saves 300m CPU and adds 128Mi memory": a change in requests in words (positive amounts are saved). */
export function savingInWords(saves: { cpu?: number; memory?: number }): string {
  const verb = (amount: number) => (amount >= 0 ? 'saves' : 'adds');
  const cpuSaved = saves.cpu ?? 0;
  const memorySaved = saves.memory ?? 0;
  const cpuWords = `${verb(cpuSaved)} ${cpu(Math.abs(cpuSaved))}`;
  const memoryWords = `${verb(memorySaved) === verb(cpuSaved) ? '' : `${verb(memorySaved)} `}${memory(Math.abs(memorySaved))} memory`;
  return `${cpuWords} and ${memoryWords}`;
}

/**
 * Sidecars against ambient, side by side: each one's requests and what they are made of, the one in use
 * (or chosen) marked, and what ambient saves. `marked` names the mark: "chosen" in the form, "now" on the Mesh tab.
 */
export function DataPlaneComparisonView({ comparison, marked }: { comparison: DataPlaneComparison; marked: string }) {
  const row = (cost: DataPlaneCost) => (
    <tr key={cost.mode}>
      <td>
        {cost.mode}
        {comparison.chosen === cost.mode ? ` (${marked})` : ''}
      </td>
      <td>{cpu(cost.total.requests.cpu ?? 0)}</td>
      <td>{memory(cost.total.requests.memory ?? 0)}</td>
      <td>{cost.measured ? `${cpu(cost.measured.cpu)} / ${memory(cost.measured.memory)}` : '–'}</td>
      <td>{partsInWords(cost)}</td>
    </tr>
  );
  return (
    <>
      <table aria-label="data plane cost" style={{ fontSize: 13, borderSpacing: '12px 2px' }}>
        <thead>
          <tr>
            <th align="left">Data plane</th>
            <th align="left">CPU requests</th>
            <th align="left">Memory requests</th>
            <th align="left">Measured use</th>
            <th align="left">Made of</th>
          </tr>
        </thead>
        <tbody>{[row(comparison.sidecar), row(comparison.ambient)]}</tbody>
      </table>
      <Typography variant="body2">
        For {comparison.replicas} pods, ambient {savingInWords(comparison.ambientSaves)} in requests against sidecars
        {comparison.waypointFor.length > 0 ? `; it needs a waypoint because: ${comparison.waypointFor.join('; ')}` : '; no rule needs a waypoint'}.
      </Typography>
    </>
  );
}
