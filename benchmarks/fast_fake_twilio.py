"""A minimal asyncio fake of Twilio's Messages endpoint for the fan-out
benchmark: it answers 201 as fast as it can and counts what it received.
Runs in a process of its own so it does not share the benchmark's GIL."""
from __future__ import annotations

import asyncio
import json
import time
import uuid

RESPONSE_TEMPLATE = {"status": "queued"}


def serve(port_value, count, first_at, last_at, ready, stop):
    async def handle(reader, writer):
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                if length:
                    await reader.readexactly(length)
                body = json.dumps(RESPONSE_TEMPLATE | {"sid": f"SM{uuid.uuid4().hex}"}).encode()
                writer.write(b"HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: "
                             + str(len(body)).encode() + b"\r\n\r\n" + body)
                with count.get_lock():
                    count.value += 1
                    last_at.value = time.time()
                    if count.value == 1:
                        first_at.value = last_at.value
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def main():
        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port_value.value = server.sockets[0].getsockname()[1]
        ready.set()
        while not stop.is_set():
            await asyncio.sleep(0.1)
        server.close()

    asyncio.run(main())
