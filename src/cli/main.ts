import { parseArgs } from './args.ts';

const HELP = `clienteling <command>

  serve [--port N] [--data-dir DIR] [--demo-if-empty] [--no-jobs]
                                                         run the API and web app (and the jobs, unless --no-jobs)
  worker [--data-dir DIR] [--metrics-port N]             run the background jobs and send the outbox (no API; with
                                                         --metrics-port, /metrics and /health/* on that port)
  migrate [--data-dir DIR]                               apply database migrations
  backup <file> [--data-dir DIR]                         PGlite: write the database to a file (server stopped)
  restore <file> [--data-dir DIR]                        PGlite: replace the database with a backup (server stopped)
  db roles [--app-user NAME] [--migrator-user NAME]      least-privilege PostgreSQL roles and grants (run as an administrator)
  demo [--customers N] [--seed S] [--data-dir DIR]       load the deterministic demo retailer
  import <entity> <file> [--legal-entity CODE]           import NDJSON or CSV (upsert by external ID)
  insights fit|score ...                                 customer-base models on files (BG/NBD, Pareto/NBD, Gamma-Gamma)
  recommend rules|evaluate ...                           association rules and offline evaluation on files
  bench [scenario]                                       benchmarks that print latency figures
  totp <key>                                             the current code of an authenticator key (the demo's head office)

DATABASE_URL selects a PostgreSQL server; otherwise an embedded PGlite database in ./data is used.`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve': return (await import('./serve.ts')).serveCommand(parseArgs(rest).flags);
      case 'worker': return (await import('./worker.ts')).workerCommand(parseArgs(rest).flags);
      case 'migrate': return (await import('./migrate.ts')).migrateCommand(parseArgs(rest).flags);
      case 'backup': return (await import('./backup.ts')).backupCommand(rest);
      case 'restore': return (await import('./backup.ts')).restoreCommand(rest);
      case 'db': return (await import('./db.ts')).dbCommand(rest);
      case 'demo': return (await import('./demo.ts')).demoCommand(parseArgs(rest).flags);
      case 'import': return (await import('./import.ts')).importCommand(rest);
      case 'insights': return (await import('./insights.ts')).insightsCommand(rest);
      case 'recommend': return (await import('./recommend.ts')).recommendCommand(rest);
      case 'totp': return (await import('./totp.ts')).totpCommand(rest);
      case 'bench': return (await import('../../bench/run.ts')).benchCommand(rest);
      case undefined: case 'help': case '--help': case '-h':
        console.log(HELP);
        return command ? 0 : 2;
      default:
        console.error(`Unknown command "${command}".\n\n${HELP}`);
        return 2;
    }
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    return 1;
  }
}
