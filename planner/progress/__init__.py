"""Progress: reading a client's data, the pain series, flares and spikes,
each session's load (the pain-monitoring model), relief and the report with
its rules, charts, alerts, and the nightly program reviews with theirs."""
