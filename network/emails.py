"""The one normalisation of e-mail addresses that identify a person.

An address identifies a person in four places: the sign-in account made at sign-up (its user
name is the address), the verification that lets that account claim a listed practitioner's
profile, the contact form's per-sender limit, and erasure of what a person sent. Each stores
the address as ``normalize_email`` returns it and compares it *exactly* with another
normalised address, never with ``__iexact``: PostgreSQL's ``UPPER()`` folds Unicode, so
``UPPER('ı') = 'I'`` and ``UPPER('ſ') = 'S'``, and ``victim@rıga.example`` (a different
domain, whose mail goes to ``xn--rga-rfb.example``) would match ``victim@riga.example``.
Python's ``str.lower()`` and Django's user-name NFKC normalisation fold look-alikes the same
way (``'K'`` to ``k``, ``'ſ'`` to ``s``), so neither is used on addresses either.

The rules:

* surrounding whitespace is removed;
* the domain is IDNA-encoded with ``django.utils.encoding.punycode``, the encoding Django
  itself uses when it sends mail (``django.core.mail.message.sanitize_address``), and then
  lower-cased (it is ASCII by then). So the normalised address names the mailbox that the
  verification e-mail really reached: ``anna@RĪGA.example`` and ``anna@xn--rga-uta.example``
  are the same address, ``anna@rıga.example`` is another one;
* in the local part only the ASCII letters A-Z are lower-cased. RFC 5321 lets a mail server
  treat ``Anna`` and ``anna`` as different mailboxes, but no large provider does, people type
  their address in any case, and a practitioner listed as ``Anna.Ozola@...`` must be able to
  claim the profile by signing up as ``anna.ozola@...``. Non-ASCII characters of the local
  part are kept exactly as typed: Unicode case folding is where look-alikes meet.
"""

from __future__ import annotations

import contextlib

from django.utils.encoding import punycode

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def ascii_lower(value: str) -> str:
    """Lower-case A-Z only; every other character is kept as it is."""
    return value.translate(_ASCII_LOWER)


def normalize_email(value: str | None) -> str:
    """The address in the one form it is stored and compared in (see the module's notes)."""
    value = (value or "").strip()
    local, at, domain = value.rpartition("@")
    if not at:
        return value  # not an address (validation refuses it elsewhere): nothing to fold
    # An empty or over-long label cannot be encoded: no mail can be sent there, keep it as typed.
    with contextlib.suppress(UnicodeError):
        domain = punycode(domain)
    return f"{ascii_lower(local)}@{ascii_lower(domain)}"
