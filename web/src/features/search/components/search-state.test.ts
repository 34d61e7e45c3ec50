import { searchOf, searchStateFrom, switchType, toggleFacet } from './search-state';

const stateOf = (search: string) => searchStateFrom(new URLSearchParams(search));

describe('the search page’s address', () => {
  it('reads the words and filters, dropping what the API would refuse', () => {
    expect(stateOf('?q=%20coop%C3%A9ration%20&country=sn&sector=311&stage=project&category=job&sort=expiring_soon')).toEqual({
      type: 'projects',
      q: 'coopération',
      country: 'SN',
      sector: '311',
      stage: 'project',
    });
    expect(stateOf('?type=opportunities&category=internship&stage=idea&sector=3&country=SEN&sort=expiring_soon')).toEqual({
      type: 'opportunities',
      category: 'internship',
      sort: 'expiring_soon',
    });
  });

  it('writes the same state back in a stable order, without the default type', () => {
    const state = stateOf('?sort=newest&country=ML&q=eau');
    expect(searchOf(state)).toBe('?q=eau&country=ML&sort=newest');
    expect(searchOf({ type: 'opportunities', category: 'job' })).toBe('?type=opportunities&category=job');
    expect(searchOf({ type: 'projects' })).toBe('');
  });

  it('toggles a facet: a first tap sets it, a second clears it', () => {
    const state = stateOf('?q=eau');
    const filtered = toggleFacet(state, 'country', 'SN');
    expect(searchOf(filtered)).toBe('?q=eau&country=SN');
    expect(searchOf(toggleFacet(filtered, 'country', 'ML'))).toBe('?q=eau&country=ML');
    expect(searchOf(toggleFacet(filtered, 'country', 'SN'))).toBe('?q=eau');
  });

  it('keeps the words and shared filters across the tabs, not those of one type', () => {
    const state = stateOf('?type=opportunities&q=stage&country=FR&category=internship&sort=expiring_soon');
    expect(searchOf(switchType(state, 'projects'))).toBe('?q=stage&country=FR');
  });

  it('reads a DAC region that names a place, keeps it with a country and across the tabs', () => {
    const state = stateOf('?type=opportunities&country=SN&region=1030&q=stage');
    expect(state).toEqual({ type: 'opportunities', q: 'stage', region: '1030', country: 'SN' });
    expect(searchOf(state)).toBe('?type=opportunities&q=stage&region=1030&country=SN');
    expect(searchOf(switchType(state, 'projects'))).toBe('?q=stage&region=1030&country=SN');
    // "Developing countries, unspecified" names no place: the API would refuse it.
    expect(stateOf('?region=998')).toEqual({ type: 'projects' });
    expect(stateOf('?region=west')).toEqual({ type: 'projects' });
  });
});
