-- mpunit results server, schema 3: what an mpunit results folder says about the testbed itself, kept with
-- its run for the run's page and API: each tentacle's record of actions (tentacles.json) and the USB health
-- the engine saw in the kernel log (context.json's usb_health), as JSON text. Null: the run has none (local
-- targets, emulators, other formats, every run stored before this version).
ALTER TABLE runs ADD COLUMN tentacles_json VARCHAR(1000000);
ALTER TABLE runs ADD COLUMN usb_health_json VARCHAR(1000000);
