"""manage.py load_demo: the Đồng Nai demo data (idempotent; safe to run on every start).

The units data first, then the loaders other apps register with ``units.demo.register_demo_loader``.
"""

from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from units.demo import demo_load, demo_loaders

LABELS = {
    "agency": "cơ quan",
    "units": "đơn vị",
    "clusters": "cụm/khối thi đua",
    "memberships": "lượt thành viên cụm/khối",
    "persons": "cán bộ",
    "users": "tài khoản",
}


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu của Sở Y tế Đồng Nai (chạy lại nhiều lần không tạo trùng)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="Năm của các cụm/khối thi đua (mặc định: năm hiện tại).")

    def handle(self, *args, year=None, **options):
        counts = {LABELS[key]: n for key, n in demo_load(year=year).items()}
        # The demo year's moves notify people as they would in use (the bell, the inbox); their
        # mails to the demo's example.vn addresses are kept in memory rather than printed here.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            for _name, loader in demo_loaders():
                for label, n in loader().items():
                    counts[label] = counts.get(label, 0) + n
        if not any(counts.values()):
            self.stdout.write("Dữ liệu mẫu đã có đầy đủ, không tạo thêm bản ghi nào.")
            return
        created = ", ".join(f"{n} {label}" for label, n in counts.items() if n)
        self.stdout.write(self.style.SUCCESS(f"Đã nạp dữ liệu mẫu: tạo mới {created}."))
