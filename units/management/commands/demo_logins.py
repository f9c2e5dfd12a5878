"""manage.py demo_logins --url URL: where to open the demo and with which logins."""

from django.conf import settings
from django.core.management.base import BaseCommand

from units.demo import demo_logins


class Command(BaseCommand):
    help = "In địa chỉ trang web và các tài khoản dùng thử."

    def add_arguments(self, parser):
        parser.add_argument(
            "--url", default=settings.SITE_URL, help="Địa chỉ trang web (mặc định: SITE_URL)."
        )

    def handle(self, *args, url, **options):
        rows = demo_logins()
        header = ("Tên đăng nhập", "Họ và tên", "Vai trò", "Đơn vị")
        table = [header] + [(r["username"], r["name"] or "—", r["role"], r["unit"] or "—") for r in rows]
        widths = [max(len(row[i]) for row in table) for i in range(len(header))]

        def line(cells):
            return (
                "  "
                + "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()
            )

        out = self.stdout
        out.write("")
        out.write(self.style.SUCCESS(f"thiduakt đang chạy tại: {url}"))
        out.write("")
        out.write(line(header))
        out.write(line(["-" * w for w in widths]))
        for row in table[1:]:
            out.write(line(row))
        out.write("")
        out.write(f"Mật khẩu của mọi tài khoản dùng thử: {settings.DEMO_PASSWORD}")
        missing = [r["username"] for r in rows if not r["exists"]]
        if missing:
            out.write(
                self.style.WARNING(
                    f"Chưa có tài khoản: {', '.join(missing)}. Hãy chạy: python manage.py load_demo"
                )
            )
        out.write("")
