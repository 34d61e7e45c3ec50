import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface Series {
  key: string;
  label: string;
  color: string;
}

interface CountsChartProps {
  data: Record<string, string | number>[];
  /** The property naming each bar group. */
  category: string;
  series: Series[];
  title: string;
  /** Horizontal bars read better for long names (countries). */
  horizontal?: boolean;
  /** The categories are names, not codes: a wider axis, the longest cut (the table has them whole). */
  wideLabels?: boolean;
}

const LONGEST = 16;

/** A name cut to fit the axis of a phone's width. */
const shortened = (value: unknown) => {
  const text = String(value);
  return text.length > LONGEST ? `${text.slice(0, LONGEST - 1)}…` : text;
};

/** A bar chart of counts (recharts), with its figures also in the page for screen readers. */
export function CountsChart({ data, category, series, title, horizontal = false, wideLabels = false }: CountsChartProps) {
  const height = horizontal ? Math.max(160, data.length * 28 + 40) : 260;
  return (
    <figure className="counts-chart">
      <figcaption>{title}</figcaption>
      <div style={{ width: '100%', height }} aria-hidden="true">
        <ResponsiveContainer>
          <BarChart data={data} layout={horizontal ? 'vertical' : 'horizontal'} margin={{ left: 8, right: 16 }}>
            <CartesianGrid strokeDasharray="3 3" />
            {horizontal ? (
              <>
                <XAxis type="number" allowDecimals={false} />
                <YAxis
                  type="category"
                  dataKey={category}
                  width={wideLabels ? 112 : 48}
                  tickFormatter={wideLabels ? shortened : undefined}
                  interval={0}
                  fontSize={wideLabels ? 12 : undefined}
                />
              </>
            ) : (
              <>
                <XAxis dataKey={category} tickFormatter={wideLabels ? shortened : undefined} />
                <YAxis allowDecimals={false} width={32} />
              </>
            )}
            <Tooltip />
            {series.length > 1 && <Legend />}
            {series.map((one) => (
              <Bar key={one.key} dataKey={one.key} name={one.label} fill={one.color} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <tbody>
          {data.map((row) => (
            <tr key={String(row[category])}>
              <th scope="row">{row[category]}</th>
              {series.map((one) => (
                <td key={one.key}>{row[one.key]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
