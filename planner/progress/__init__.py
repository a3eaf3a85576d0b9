"""Progress: reading a client's data, the pain series and the report with
its rules, charts, alerts, and the nightly program reviews with theirs."""
