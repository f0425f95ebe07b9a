import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import Slider from '@material-ui/core/Slider';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { canarySplit } from '@meshport/plugin-mesh-common';

/** The canary weight as a split that always sums to 100, with promote and roll-back presets. */
export function CanarySplitField({ formData, onChange, schema, rawErrors, required }: FieldExtensionComponentProps<number>) {
  const { stable, canary } = canarySplit(typeof formData === 'number' ? formData : Number(schema.default ?? 10));
  const setCanary = (value: number) => onChange(canarySplit(value).canary);
  return (
    <FormControl margin="normal" required={required} error={Boolean(rawErrors?.length)} fullWidth>
      <Typography variant="subtitle1">{schema.title ?? 'Traffic split'}</Typography>
      <Slider
        value={canary}
        min={0}
        max={100}
        step={1}
        onChange={(_, value) => setCanary(value as number)}
        aria-label="canary weight"
        valueLabelDisplay="auto"
      />
      <Box display="flex" style={{ gap: 16 }}>
        <TextField
          label="Stable %"
          type="number"
          value={stable}
          onChange={event => setCanary(100 - Number(event.target.value))}
          inputProps={{ min: 0, max: 100, 'aria-label': 'stable weight' }}
        />
        <TextField
          label="Canary %"
          type="number"
          value={canary}
          onChange={event => setCanary(Number(event.target.value))}
          inputProps={{ min: 0, max: 100, 'aria-label': 'canary weight percent' }}
        />
        <Button variant="outlined" onClick={() => setCanary(100)}>
          Promote (all to canary)
        </Button>
        <Button variant="outlined" onClick={() => setCanary(0)}>
          Roll back (all to stable)
        </Button>
      </Box>
      <FormHelperText>{schema.description ?? 'The two weights always add up to 100.'}</FormHelperText>
    </FormControl>
  );
}
