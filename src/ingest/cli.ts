/** Entry point of `npm run corpus -- <command>`: see commands.ts and the README's Corpus section. */
import { runCli } from "./commands.js";

runCli(process.argv.slice(2), { env: process.env, out: (l) => console.log(l), err: (l) => console.error(l) }).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
