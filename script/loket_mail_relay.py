"""A small SMTP relay that hands every message it receives to Loket's
inbound mail webhook (POST /webhooks/mail), signed with the shared secret
(LOKET_MAIL_WEBHOOK_SECRET) in X-Loket-Signature.

Route the mail for Loket's reply address (LOKET_MAIL_REPLY_TO) from the
municipality's mail gateway (which filters spam and checks SPF/DKIM) to
this relay, or let the gateway post to the webhook itself. The tests use
it to deliver replies over real SMTP.

    python3 -m aiosmtpd -n -l 127.0.0.1:2526 -c loket_mail_relay.LoketRelay \\
        https://mijn.voorbeeld.nl/webhooks/mail "$LOKET_MAIL_WEBHOOK_SECRET"
    (with PYTHONPATH pointing at this folder)

Loket answers 2xx (stored, or already stored), 4xx (refused for good: the
sender is told) or 5xx (try again: the sender's server retries).
"""
import asyncio
import hashlib
import hmac
import urllib.error
import urllib.request


class LoketRelay:
    def __init__(self, url, secret):
        self.url = url
        self.secret = secret.encode()

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 2:
            parser.error("LoketRelay takes two arguments: the webhook URL and the shared secret")
        return cls(*args)

    def _post(self, raw):
        signature = "sha256=" + hmac.new(self.secret, raw, hashlib.sha256).hexdigest()
        request = urllib.request.Request(
            self.url,
            data=raw,
            method="POST",
            headers={"Content-Type": "message/rfc822", "X-Loket-Signature": signature},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            return 503

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        status = await asyncio.get_running_loop().run_in_executor(None, self._post, raw)
        if 200 <= status < 300:
            return "250 Message accepted for delivery"
        if 400 <= status < 500:
            return "554 Message refused"
        return "451 Try again later"
