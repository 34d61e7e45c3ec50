import { geoNaturalEarth1, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { useMemo } from 'react';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries110m from 'world-atlas/countries-110m.json';

/**
 * ISO 3166-1 alpha-2 → numeric (the ids of world-atlas' Natural Earth shapes) for France and
 * the African countries the map draws.
 */
const NUMERIC: Record<string, string> = {
  FR: '250', DZ: '012', AO: '024', BJ: '204', BW: '072', BF: '854', BI: '108', CM: '120', CV: '132',
  CF: '140', TD: '148', KM: '174', CG: '178', CD: '180', CI: '384', DJ: '262', EG: '818', GQ: '226',
  ER: '232', SZ: '748', ET: '231', GA: '266', GM: '270', GH: '288', GN: '324', GW: '624', KE: '404',
  LS: '426', LR: '430', LY: '434', MG: '450', MW: '454', ML: '466', MR: '478', MU: '480', MA: '504',
  MZ: '508', NA: '516', NE: '562', NG: '566', RW: '646', ST: '678', SN: '686', SC: '690', SL: '694',
  SO: '706', ZA: '710', SS: '728', SD: '729', TZ: '834', TG: '768', TN: '788', UG: '800', EH: '732',
  ZM: '894', ZW: '716',
};
const ALPHA2 = Object.fromEntries(Object.entries(NUMERIC).map(([alpha, numeric]) => [numeric, alpha]));

type Shape = Feature<Geometry, { name: string }> & { id?: string | number };

/** The shapes of France and Africa, once. */
function shapes(): Shape[] {
  const topology = countries110m as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const all = feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>;
  return (all.features as Shape[]).filter((shape) => String(shape.id) in ALPHA2);
}

const WIDTH = 480;
const HEIGHT = 520;

export interface CountryMapProps {
  /** Links per alpha-2 country. */
  counts: Record<string, number>;
  selected?: string;
  onSelect: (country: string | undefined) => void;
  label: (country: string, count: number) => string;
  title: string;
}

/** France and Africa, each country shaded by its count of links; a click filters by it. */
export function CountryMap({ counts, selected, onSelect, label, title }: CountryMapProps) {
  const drawn = useMemo(() => {
    const features = shapes();
    // Metropolitan France only: its overseas parts would stretch the frame to South America.
    const frame: FeatureCollection = {
      type: 'FeatureCollection',
      features: features.filter((shape) => ALPHA2[String(shape.id)] !== 'FR'),
    };
    const projection = geoNaturalEarth1().fitExtent(
      [
        [8, 80],
        [WIDTH - 8, HEIGHT - 8],
      ],
      frame,
    );
    const path = geoPath(projection);
    return features.map((shape) => ({ code: ALPHA2[String(shape.id)] ?? '', d: path(shape) ?? '' }));
  }, []);
  const most = Math.max(1, ...Object.values(counts));

  return (
    <svg className="country-map" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="group" aria-label={title}>
      {drawn.map(({ code, d }) => {
        const count = counts[code] ?? 0;
        const share = count === 0 ? 0 : 0.15 + (0.85 * count) / most;
        return (
          <path
            key={code}
            d={d}
            className={code === selected ? 'country-map__country is-selected' : 'country-map__country'}
            style={{ fillOpacity: count === 0 ? 1 : share }}
            data-country={code}
            data-count={count}
            fill={count === 0 ? 'var(--line)' : 'var(--green)'}
            role="button"
            tabIndex={0}
            aria-label={label(code, count)}
            aria-pressed={code === selected}
            onClick={() => onSelect(code === selected ? undefined : code)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                onSelect(code === selected ? undefined : code);
              }
            }}
          >
            <title>{label(code, count)}</title>
          </path>
        );
      })}
    </svg>
  );
}
