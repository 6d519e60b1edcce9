// The full Helpboard stack (logging, validation, limits, error mapping, database check in
// `health`) on an in-memory embedded engine.
import { serveBenchApp, startBenchApp } from '../support/bench-app.js';

await serveBenchApp(await startBenchApp());
