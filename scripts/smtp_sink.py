#!/usr/bin/env python3
"""A small SMTP sink for the benchmarks: accepts every message on loopback,
keeps nothing but a count, and writes the count and the time of the last
message (Unix seconds, float) to a file after each one.

    python3 scripts/smtp_sink.py PORT STATUS_FILE

It speaks just what a plain SMTP client needs (EHLO/HELO, MAIL, RCPT,
DATA, RSET, NOOP, QUIT), with the standard library only.
"""
import asyncio
import os
import sys
import time

count = 0


def write_status(text):
    # Written aside then renamed: a reader never sees half a line.
    tmp = STATUS + ".part"
    with open(tmp, "w") as status:
        status.write(text)
    os.replace(tmp, STATUS)


async def session(reader, writer):
    global count
    writer.write(b"220 sink ESMTP\r\n")
    await writer.drain()
    while True:
        line = await reader.readline()
        if not line:
            break
        verb = line[:4].upper()
        if verb in (b"EHLO", b"HELO"):
            writer.write(b"250-sink\r\n250 SIZE 52428800\r\n")
        elif verb == b"DATA":
            writer.write(b"354 go ahead\r\n")
            await writer.drain()
            while True:
                body = await reader.readline()
                if not body or body == b".\r\n":
                    break
            count += 1
            write_status(f"{count} {time.time():.6f}\n")
            writer.write(b"250 kept\r\n")
        elif verb == b"QUIT":
            writer.write(b"221 bye\r\n")
            await writer.drain()
            break
        else:
            writer.write(b"250 ok\r\n")
        await writer.drain()
    writer.close()


async def main(port):
    server = await asyncio.start_server(session, "127.0.0.1", port)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    STATUS = sys.argv[2]
    write_status("0 0\n")
    asyncio.run(main(int(sys.argv[1])))
