// Tests never read the developer's environment for these.
process.env.LOG_LEVEL = 'silent';
// A zone with an offset, so a timestamp that silently depends on local time shows up.
process.env.TZ = 'Europe/Berlin';
