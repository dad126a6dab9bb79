// Database roles for a least-privilege PostgreSQL deployment (`npx clienteling db roles`, run by an administrator):
// the application connects as a user that reads and writes the tables but owns nothing, the migrator owns the schema,
// and SQL measures run as clienteling_measure, which reads only the measure views.

import pg from 'pg';

export const MEASURE_ROLE = 'clienteling_measure';

export interface RoleSetUp { appUser?: string; migratorUser?: string }

const ident = (name: string) => pg.escapeIdentifier(name);

async function ensureRole(client: pg.ClientBase, name: string, options: string): Promise<void> {
  // Roles are cluster-wide: another database's migration or set-up may create it at the same moment.
  await client.query(`do $$ begin
    if not exists (select 1 from pg_roles where rolname = ${pg.escapeLiteral(name)}) then
      begin create role ${ident(name)} ${options}; exception when duplicate_object or unique_violation then null; end;
    end if; end $$`);
}

async function requireRole(client: pg.ClientBase, name: string): Promise<void> {
  const r = await client.query('select rolsuper from pg_roles where rolname = $1', [name]);
  if (!r.rows.length) throw new Error(`The database user "${name}" does not exist: create it first (CREATE ROLE ${name} LOGIN PASSWORD '…').`);
  if (r.rows[0].rolsuper) throw new Error(`"${name}" is a superuser: the point of these roles is a user that is not.`);
}

/** Creates the measure role and grants what each user needs in the current database; safe to run again. Returns what it did. */
export async function setUpDatabaseRoles(client: pg.ClientBase, opts: RoleSetUp): Promise<string[]> {
  const done: string[] = [];
  const [{ db }] = (await client.query('select current_database() as db')).rows;
  await ensureRole(client, MEASURE_ROLE, 'nologin noinherit');
  // The measure role reads the measure views (migration 0012) and calls the function that names the run's legal entity.
  const views = (await client.query(`select 1 from pg_namespace where nspname = 'measure_data'`)).rows.length > 0;
  if (views) {
    await client.query(`grant usage on schema measure_data to ${MEASURE_ROLE}; grant select on all tables in schema measure_data to ${MEASURE_ROLE};
      grant execute on function public.measure_run_legal_entity() to ${MEASURE_ROLE}`);
  }
  done.push(`${MEASURE_ROLE}: exists${views ? ', reads the measure views' : ' (run the migrations, then this command again, to grant it the measure views)'}`);

  if (opts.migratorUser) {
    const m = opts.migratorUser;
    await requireRole(client, m);
    // It creates the schemas migrations add (drizzle, measure_data) and owns what it creates; with ADMIN on the
    // measure role it can grant the views to it.
    await client.query(`grant connect, create on database ${ident(db)} to ${ident(m)}; grant usage, create on schema public to ${ident(m)};
      grant ${MEASURE_ROLE} to ${ident(m)} with admin option`);
    done.push(`${m}: connect and create on database ${db}, create on schema public, admin of ${MEASURE_ROLE}`);
  }

  if (opts.appUser) {
    const a = opts.appUser;
    await requireRole(client, a);
    const owners = [...new Set([opts.migratorUser, (await client.query('select current_user as u')).rows[0].u as string].filter(Boolean) as string[])];
    await client.query(`grant connect on database ${ident(db)} to ${ident(a)}; grant usage on schema public to ${ident(a)};
      grant select, insert, update, delete on all tables in schema public to ${ident(a)};
      grant usage, select, update on all sequences in schema public to ${ident(a)};
      grant ${MEASURE_ROLE} to ${ident(a)}`);
    // Tables later migrations create get the same grants (default privileges of whoever runs the migrations).
    for (const o of owners) {
      await client.query(`alter default privileges for role ${ident(o)} in schema public grant select, insert, update, delete on tables to ${ident(a)};
        alter default privileges for role ${ident(o)} in schema public grant usage, select, update on sequences to ${ident(a)}`);
    }
    // The app checks which migrations are applied before it starts, and asks for none to be run.
    if ((await client.query(`select 1 from pg_namespace where nspname = 'drizzle'`)).rows.length) {
      await client.query(`grant usage on schema drizzle to ${ident(a)}; grant select on all tables in schema drizzle to ${ident(a)}`);
      for (const o of owners) await client.query(`alter default privileges for role ${ident(o)} in schema drizzle grant select on tables to ${ident(a)}`);
    }
    done.push(`${a}: connect, select/insert/update/delete on the tables and sequences of public (also future ones), member of ${MEASURE_ROLE}`);
  }
  return done;
}
