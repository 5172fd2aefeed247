"""An email backend that fails a set number of times before delivering to Django's test outbox."""

from smtplib import SMTPServerDisconnected

from django.core.mail.backends import locmem


class GagalDulu(locmem.EmailBackend):
    sisa_gagal = 0
    percobaan = 0

    def send_messages(self, messages):
        type(self).percobaan += 1
        if type(self).sisa_gagal > 0:
            type(self).sisa_gagal -= 1
            raise SMTPServerDisconnected("server surat memutus koneksi")
        return super().send_messages(messages)
