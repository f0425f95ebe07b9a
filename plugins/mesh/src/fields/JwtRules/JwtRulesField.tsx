import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControl from '@material-ui/core/FormControl';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { jwtRulesErrors, JwtRulesValue } from './jwtRules';
import { commaList } from '../commaList';

/** Issuer, JWKS URL, audiences and claim conditions, validated as you type by the policy model. */
export function JwtRulesField({ formData, onChange, schema, required, idSchema }: FieldExtensionComponentProps<JwtRulesValue>) {
  const id = idSchema?.$id ?? 'jwt';
  const value: JwtRulesValue = formData ?? {};
  const errors = jwtRulesErrors(value);
  const touched = (field: keyof JwtRulesValue) => value[field] !== undefined;
  const update = (patch: Partial<JwtRulesValue>) => onChange({ ...value, ...patch });
  const claims = value.claims ?? [];
  return (
    <FormControl margin="normal" required={required} fullWidth>
      <Typography variant="subtitle1">{schema.title ?? 'JWT rules'}</Typography>
      <TextField
        id={`${id}-issuer`}
        label="Issuer (iss)"
        value={value.issuer ?? ''}
        onChange={e => update({ issuer: e.target.value })}
        error={touched('issuer') && Boolean(errors.issuer)}
        helperText={(touched('issuer') && errors.issuer) || 'The issuer your identity provider puts in tokens, e.g. https://auth.example.com'}
        margin="dense"
        required
      />
      <TextField
        id={`${id}-jwks-uri`}
        label="JWKS URL"
        value={value.jwksUri ?? ''}
        onChange={e => update({ jwksUri: e.target.value })}
        error={touched('jwksUri') && Boolean(errors.jwksUri)}
        helperText={(touched('jwksUri') && errors.jwksUri) || 'Where the issuer publishes its signing keys; must be https'}
        margin="dense"
        required
      />
      <TextField
        id={`${id}-audiences`}
        label="Accepted audiences (aud), comma-separated"
        value={(value.audiences ?? []).join(', ')}
        onChange={e => update({ audiences: commaList(e.target.value) })}
        error={Object.keys(errors).some(k => k.startsWith('audiences'))}
        helperText="Empty accepts any audience"
        margin="dense"
      />
      <Typography variant="subtitle2">Claim conditions</Typography>
      {claims.map((claim, i) => (
        <Box key={i} display="flex" style={{ gap: 8 }}>
          <TextField
            id={`${id}-claims-${i}-claim`}
            label="Claim"
            value={claim.claim ?? ''}
            onChange={e => update({ claims: claims.map((c, j) => (j === i ? { ...c, claim: e.target.value } : c)) })}
            error={Boolean(errors[`claims[${i}].claim`])}
            helperText={errors[`claims[${i}].claim`]}
            margin="dense"
          />
          <TextField
            id={`${id}-claims-${i}-values`}
            label="Accepted values, comma-separated"
            value={(claim.values ?? []).join(', ')}
            onChange={e => update({ claims: claims.map((c, j) => (j === i ? { ...c, values: commaList(e.target.value) } : c)) })}
            error={Boolean(errors[`claims[${i}].values`])}
            helperText={errors[`claims[${i}].values`]}
            margin="dense"
          />
          <Button onClick={() => update({ claims: claims.filter((_, j) => j !== i) })}>Remove</Button>
        </Box>
      ))}
      <Box>
        <Button variant="outlined" onClick={() => update({ claims: [...claims, { claim: '', values: [] }] })}>
          Add a claim condition
        </Button>
      </Box>
    </FormControl>
  );
}
