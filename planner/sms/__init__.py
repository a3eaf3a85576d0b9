"""SMS: transports (Twilio, console), texts, and Twilio's webhooks."""
