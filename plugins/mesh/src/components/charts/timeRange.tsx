import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import { createContext, ReactNode, useContext, useId, useState } from 'react';

/** The time ranges the charts offer, in minutes: the status keeps the last 30 minutes, one point a minute. */
export const TIME_RANGES = [5, 15, 30] as const;

/** A time range of the charts, in minutes. */
export type TimeRange = (typeof TIME_RANGES)[number];

const TimeRangeContext = createContext<{ minutes: TimeRange; setMinutes: (minutes: TimeRange) => void }>({ minutes: 30, setMinutes: () => {} });

/** One time range for every chart under it: the Health card's and the canary's. */
export function TimeRangeProvider({ children }: { children: ReactNode }) {
  const [minutes, setMinutes] = useState<TimeRange>(30);
  return <TimeRangeContext.Provider value={{ minutes, setMinutes }}>{children}</TimeRangeContext.Provider>;
}

/** The charts' time range and its setter. */
export function useTimeRange() {
  return useContext(TimeRangeContext);
}

/** The points of the chosen range: those within `minutes` of the last one. */
export function withinRange<T extends { time: number }>(points: T[], minutes: number): T[] {
  if (points.length === 0) return points;
  const end = Math.max(...points.map(p => p.time));
  return points.filter(p => p.time > end - minutes * 60);
}

/** The time range picker the charts share. */
export function TimeRangePicker() {
  const { minutes, setMinutes } = useTimeRange();
  const labelId = `mesh-time-range-${useId()}`;
  return (
    <FormControl size="small" variant="outlined" style={{ minWidth: 160 }}>
      <InputLabel id={labelId}>Time range</InputLabel>
      <Select
        labelId={labelId}
        label="Time range"
        value={minutes}
        onChange={event => setMinutes(Number(event.target.value) as TimeRange)}
        inputProps={{ 'aria-label': 'time range' }}
      >
        {TIME_RANGES.map(range => (
          <MenuItem key={range} value={range}>
            Last {range} minutes
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}
