import { LinkButton, StatusOK } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTemplateHref } from '../templateLinks';
import { AttentionItem } from './attentionItems';
import { SeverityMark } from './SeverityMark';

const LABEL: Record<AttentionItem['severity'], string> = { error: 'Error', warning: 'Warning', info: 'Note' };

/** What needs attention, most urgent first, each with its severity in colour and words, and its button; or that nothing does. */
export function AttentionList({ items, limit, dense = false }: { items: AttentionItem[]; limit?: number; dense?: boolean }) {
  const templateHref = useTemplateHref();
  if (items.length === 0) return <StatusOK>Nothing needs attention.</StatusOK>;
  const shown = limit ? items.slice(0, limit) : items;
  return (
    <Box component="ul" aria-label="needs attention" m={0} p={0} style={{ listStyle: 'none' }}>
      {shown.map((item, i) => {
        const href = item.action && templateHref(item.action.link);
        return (
          <Box component="li" key={i} mb={dense ? 0.5 : 1.5} data-severity={item.severity}>
            <Typography variant="body2" component="div">
              <SeverityMark severity={item.severity}>
                <span>
                  <strong>{LABEL[item.severity]}:</strong> {item.title}
                </span>
              </SeverityMark>
            </Typography>
            {!dense && item.detail && (
              <Typography variant="caption" component="div" color="textSecondary" style={{ marginLeft: 20, overflowWrap: 'anywhere' }}>
                {item.detail}
              </Typography>
            )}
            {!dense && href && (
              <Box ml={2.5} mt={0.5}>
                <LinkButton to={href} color="primary" variant="outlined" size="small">
                  {item.action!.label}
                </LinkButton>
              </Box>
            )}
          </Box>
        );
      })}
      {limit && items.length > limit && (
        <Typography variant="caption" component="li">
          and {items.length - limit} more on the Mesh tab
        </Typography>
      )}
    </Box>
  );
}
