import { register } from 'node:module';

// `node --import ./module-log.js`: records the modules a process loads (see loadedModules in startup tests).
register('./module-log-hooks.js', import.meta.url);
