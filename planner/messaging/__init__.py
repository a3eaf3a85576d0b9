"""Messaging: the SMS loop. Due slots and the tick's queries, composing
and delivering outbound messages, transports, texts, session links,
inbound handling, the reply parser and the trainer's conversation.
Plain Python: settings arrive as arguments, the caller commits."""
