"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/**
 * Charts of the dashboard. Each is a picture of a table that is printed beside it (with links):
 * the table is the accessible alternative, so the chart itself is hidden from screen readers.
 */

const BRAND = "#1f6f75";
const WARN = "#b45309";

export function HorizontalBars({
  data,
  label,
  valueLabel,
}: {
  data: Array<{ name: string; value: number }>;
  label: string;
  valueLabel: string;
}) {
  return (
    <div aria-hidden="true" inert className="h-64 w-full" data-chart={label}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={data} layout="vertical" margin={{ left: 8, right: 16, top: 8, bottom: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} fontSize={12} />
          <YAxis type="category" dataKey="name" width={120} fontSize={12} />
          <Tooltip />
          <Bar dataKey="value" name={valueLabel} fill={BRAND} radius={[0, 3, 3, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function WeeklyBars({
  data,
  labels,
}: {
  data: Array<{ week: string; opened: number; closed: number }>;
  labels: { opened: string; closed: string };
}) {
  return (
    <div aria-hidden="true" inert className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={data} margin={{ left: 0, right: 16, top: 8, bottom: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="week" fontSize={11} />
          <YAxis allowDecimals={false} fontSize={12} />
          <Tooltip />
          <Legend />
          <Bar dataKey="opened" name={labels.opened} fill={BRAND} isAnimationActive={false} />
          <Bar dataKey="closed" name={labels.closed} fill={WARN} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function StageBars({
  data,
  labels,
}: {
  data: Array<{ name: string; median: number; p90: number }>;
  labels: { median: string; p90: string };
}) {
  return (
    <div aria-hidden="true" inert className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={data} margin={{ left: 0, right: 16, top: 8, bottom: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" fontSize={11} />
          <YAxis fontSize={12} />
          <Tooltip />
          <Legend />
          <Bar dataKey="median" name={labels.median} fill={BRAND} isAnimationActive={false} />
          <Bar dataKey="p90" name={labels.p90} fill={WARN} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
