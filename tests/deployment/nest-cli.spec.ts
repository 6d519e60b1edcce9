// nest-cli.json is what `nest build`, `nest start` and Nest's generators (`nest g service x
// --project boards`) read: a monorepo with one project per app and lib, built with swc like
// `npm run build`. A new app or lib must be listed, or the generators cannot place files in it.
import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const config = JSON.parse(readFileSync(new URL('nest-cli.json', root), 'utf8')) as {
  monorepo: boolean;
  root: string;
  sourceRoot: string;
  compilerOptions: { builder: { type: string; options: { filenames: string[] } } };
  projects: Record<string, { type: string; root: string; sourceRoot: string; entryFile: string }>;
};

const foldersOf = (dir: string) =>
  readdirSync(new URL(`${dir}/`, root), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

describe('nest-cli.json', () => {
  it('lists every app and lib as a project whose entry file exists', () => {
    const expected = [
      ...foldersOf('apps').map((name) => ({ name, type: 'application', root: `apps/${name}`, entryFile: 'main' })),
      ...foldersOf('libs').map((name) => ({ name, type: 'library', root: `libs/${name}`, entryFile: 'index' })),
    ];
    expect(Object.keys(config.projects).sort()).toEqual(expected.map((p) => p.name).sort());
    for (const project of expected) {
      expect(config.projects[project.name]).toMatchObject({
        type: project.type,
        root: project.root,
        sourceRoot: `${project.root}/src`,
        entryFile: project.entryFile,
      });
      expect(existsSync(new URL(`${project.root}/src/${project.entryFile}.ts`, root))).toBe(true);
    }
  });

  it('is a monorepo whose default project is the API, built with swc from every app and lib', () => {
    expect(config).toMatchObject({ monorepo: true, root: 'apps/api', sourceRoot: 'apps/api/src' });
    expect(config.compilerOptions.builder).toEqual({ type: 'swc', options: { filenames: ['apps', 'libs'] } });
  });
});
