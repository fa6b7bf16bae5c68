-- mpunit results server, schema 2: a run may belong to a campaign, the runs of several testbeds started
-- together (a CI matrix, one job per testbed) that the server shows as one report. Null: a run on its own
-- (every run stored before this version, and Octoprobe's folders, which name none).
ALTER TABLE runs ADD COLUMN campaign VARCHAR(100);
-- A campaign's runs, in the order its page lists them.
CREATE INDEX runs_campaign_ix ON runs (campaign, time_start, id);
-- A campaign's matrix reads each failing test's cells in each of its runs: by run and test, not through the
-- test's whole history (results_history_ix) nor the run's every result (results_ord_uq).
CREATE INDEX results_run_test_ix ON results (run_id, test_id);
