"""The production configuration: docker-compose.yml, .env.example and `check --deploy`."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from django.conf import settings

from tests.conftest import perlu_layanan

ROOT = Path(__file__).resolve().parent.parent
PRODUKSI = {
    "DEBUG": "0",
    "SECRET_KEY": "r7Vq2mX9pL4sT8wZ1nB6cF3hJ5kD0gY2uE7iO9aQ4xR6tW8vN1mS3",
    "ALLOWED_HOSTS": "kinerja.gorontaloprov.go.id",
    "CSRF_TRUSTED_ORIGINS": "https://kinerja.gorontaloprov.go.id",
    "DATABASE_URL": "postgres://kinerja:rahasia@127.0.0.1:5432/kinerja",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_URL": "smtp+tls://kinerja:rahasia@smtp.gorontaloprov.go.id:587",
}


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def lingkungan_produksi(**tambahan) -> dict[str, str]:
    # Only what a production container would have: not the test run's variables (tests.settings,
    # DJANGO_ALLOW_ASYNC_UNSAFE from the browser tests), which the deploy check rightly rejects.
    return {"PATH": os.environ["PATH"], **PRODUKSI, "DJANGO_SETTINGS_MODULE": "config.settings", **tambahan}


def check_deploy(**tambahan) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=lingkungan_produksi(**tambahan),
        capture_output=True,
        text=True,
        timeout=120,
    )


def pengaturan_produksi(*nama: str) -> dict:
    """The named settings as config.settings computes them from the production environment."""
    kode = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(nama)!r}}}, default=str))"
    )
    proses = subprocess.run(
        [sys.executable, "-c", kode], cwd=ROOT, env=lingkungan_produksi(), capture_output=True, text=True, timeout=120
    )
    assert proses.returncode == 0, proses.stderr
    return json.loads(proses.stdout.strip().splitlines()[-1])


def test_check_deploy_prints_no_warnings_with_production_values():
    proses = check_deploy()
    keluaran = proses.stdout + proses.stderr
    assert proses.returncode == 0, keluaran
    assert "System check identified no issues" in keluaran
    assert "WARNING" not in keluaran


def test_check_deploy_would_catch_a_weakened_production_setting():
    # The clean result above means something: switching HTTPS cookies off is reported.
    proses = check_deploy(SESSION_COOKIE_SECURE="0")
    assert proses.returncode != 0
    assert "security.W012" in proses.stdout + proses.stderr


def test_production_throttles_logins_sends_a_csp_and_answers_503_for_dead_services():
    nyata = pengaturan_produksi(
        "MIDDLEWARE", "AUTHENTICATION_BACKENDS", "AXES_ENABLED", "AXES_FAILURE_LIMIT", "AXES_COOLOFF_TIME"
    )
    middleware = nyata["MIDDLEWARE"]
    # The client's address is settled first (axes and the public forms' limits read it), then the health probe
    # and the 503 page come before anything that touches the database.
    assert middleware[:3] == [
        "core.proxy.ClientAddressMiddleware",
        "core.health.HealthCheckMiddleware",
        "core.outage.ServiceOutageMiddleware",
    ]
    assert "csp.middleware.CSPMiddleware" in middleware
    assert middleware[-1] == "axes.middleware.AxesMiddleware"
    assert nyata["AUTHENTICATION_BACKENDS"][0] == "axes.backends.AxesStandaloneBackend"
    assert nyata["AXES_ENABLED"] is True
    assert (nyata["AXES_FAILURE_LIMIT"], nyata["AXES_COOLOFF_TIME"]) == (5, "0:15:00")


def test_collectstatic_succeeds_with_the_production_storage(tmp_path):
    # The Dockerfile runs this at build time; the manifest storage fails on any missing referenced file (e.g. a
    # vendored script's source map), which the development storage never notices.
    env = {"PATH": os.environ["PATH"], **PRODUKSI, "DJANGO_SETTINGS_MODULE": "config.settings"}
    env["STATIC_ROOT"] = str(tmp_path)
    proses = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proses.returncode == 0, proses.stdout + proses.stderr
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert "vendor/bootstrap/bootstrap.bundle.min.js" in manifest


def test_env_example_lists_every_setting_read_from_the_environment():
    dibaca = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z][A-Z0-9_]*)"', (ROOT / "config/settings.py").read_text()))
    assert dibaca, "tidak ada pembacaan env di settings?"
    contoh = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]*)=", (ROOT / ".env.example").read_text(), re.MULTILINE))
    assert dibaca - contoh == set()


def test_compose_runs_the_whole_stack_with_exactly_one_beat():
    services = compose()["services"]
    assert {"postgres", "redis", "migrate", "web", "worker", "beat"} <= set(services)
    assert services["postgres"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:7")
    assert services["beat"]["deploy"]["replicas"] == 1
    pemakai_beat = [
        nama for nama, s in services.items() if "beat" in s.get("command", []) or "-B" in s.get("command", [])
    ]
    assert pemakai_beat == ["beat"]
    assert services["web"]["command"][:2] == ["gunicorn", "config.wsgi"]
    assert services["worker"]["command"][:4] == ["celery", "-A", "config", "worker"]
    assert "pg_isready" in services["postgres"]["healthcheck"]["test"]
    assert services["redis"]["healthcheck"]["test"][1:] == ["redis-cli", "ping"]
    assert "/healthz/" in " ".join(services["web"]["healthcheck"]["test"])
    for nama in ("web", "worker", "beat", "migrate"):
        assert services[nama]["env_file"] == ".env"
        assert services[nama]["environment"]["REDIS_URL"].startswith("redis://redis:")
    assert services["web"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_compose_scales_web_behind_an_nginx_proxy_that_publishes_the_only_port():
    services = compose()["services"]
    proxy = services["proxy"]
    assert proxy["image"].startswith("nginx:")
    assert [p.rsplit(":", 1)[1] for p in proxy["ports"]] == ["80"]
    assert proxy["depends_on"]["web"]["condition"] == "service_healthy"
    # Replicas cannot share a fixed host port, and only the proxy may reach them (X-Forwarded-For is trusted).
    assert [nama for nama, s in services.items() if s.get("ports")] == ["proxy"]
    assert services["web"]["environment"]["TRUSTED_PROXIES"] == "${TRUSTED_PROXIES:-1}"
    sumber, tujuan, _ = proxy["volumes"][0].split(":")
    assert tujuan == "/etc/nginx/conf.d/default.conf"
    assert (ROOT / sumber).is_file()


def test_the_proxy_balances_over_every_web_replica_and_passes_host_and_scheme_through():
    conf = (ROOT / "nginx/kinerja.conf").read_text()
    # Docker's DNS, asked again while running, so scaled replicas are found without a restart.
    assert re.search(r"^resolver 127\.0\.0\.11\b", conf, re.MULTILINE)
    assert re.search(r"upstream web \{[^}]*zone web[^}]*server web:8000 resolve;", conf)
    assert "proxy_pass http://web;" in conf
    assert "proxy_set_header Host $http_host;" in conf
    # The scheme a TLS terminator in front reported, else the one nginx was reached with.
    skema = re.search(r"proxy_set_header X-Forwarded-Proto \$(\w+);", conf).group(1)
    assert re.search(rf"map \$http_x_forwarded_proto \${skema} \{{[^}}]*\"\"\s+\$scheme;", conf)
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in conf
    # Big enough for the largest roster the form accepts, so the form (not nginx) answers an oversized one.
    limit_mb = int(re.search(r"client_max_body_size (\d+)m;", conf).group(1))
    assert limit_mb > settings.ROSTER_MAX_UPLOAD_MB


def test_the_image_runs_as_a_non_root_user_and_collects_static_files():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.startswith("FROM python:3.11-slim")
    assert "collectstatic --noinput" in dockerfile
    assert re.search(r"^USER app$", dockerfile, re.MULTILINE)
    assert "pip install -r requirements.txt" in dockerfile


def _docker_compose():
    """The compose command on this machine: the docker CLI plugin, else Debian's standalone docker-compose."""
    docker = shutil.which("docker")
    if docker and subprocess.run([docker, "compose", "version"], capture_output=True).returncode == 0:
        return [docker, "compose"]
    standalone = shutil.which("docker-compose")
    return [standalone] if standalone else None


def test_docker_compose_accepts_the_file(tmp_path):
    perintah = _docker_compose()
    if perintah is None:
        perlu_layanan("docker compose (plugin) atau docker-compose tidak terpasang")
    for nama in ("docker-compose.yml", "Dockerfile"):
        shutil.copy(ROOT / nama, tmp_path / nama)
    shutil.copytree(ROOT / "nginx", tmp_path / "nginx")
    contoh = (ROOT / ".env.example").read_text()
    isi = re.sub(r"^SECRET_KEY=$", f"SECRET_KEY={PRODUKSI['SECRET_KEY']}", contoh, flags=re.MULTILINE)
    isi = re.sub(r"^POSTGRES_PASSWORD=$", "POSTGRES_PASSWORD=rahasia", isi, flags=re.MULTILINE)
    (tmp_path / ".env").write_text(isi)
    proses = subprocess.run([*perintah, "config", "--quiet"], cwd=tmp_path, capture_output=True, text=True)
    assert proses.returncode == 0, proses.stderr


def _storages_default(tmp_path, **env_tambahan):
    """settings.STORAGES["default"] as config.settings builds it from the given environment (run in a subprocess)."""
    env = {"PATH": os.environ["PATH"], **PRODUKSI, **env_tambahan, "DJANGO_SETTINGS_MODULE": "config.settings"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [env_tambahan.get("PYTHONPATH"), str(ROOT)]))
    kode = "import json; from django.conf import settings; print(json.dumps(settings.STORAGES['default']))"
    return subprocess.run([sys.executable, "-c", kode], cwd=tmp_path, env=env, capture_output=True, text=True)


def test_uploads_go_to_the_shared_media_folder_by_default(tmp_path):
    proses = _storages_default(tmp_path)
    assert proses.returncode == 0, proses.stderr
    assert json.loads(proses.stdout) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_storage_backend_s3_configures_a_private_bucket_from_the_environment(tmp_path):
    # django-storages is an optional install; an empty stand-in package lets settings load without it.
    (tmp_path / "storages").mkdir()
    (tmp_path / "storages" / "__init__.py").write_text("")
    proses = _storages_default(
        tmp_path,
        PYTHONPATH=str(tmp_path),
        STORAGE_BACKEND="s3",
        AWS_STORAGE_BUCKET_NAME="kinerja-berkas",
        AWS_S3_ENDPOINT_URL="https://minio.gorontaloprov.go.id",
        AWS_ACCESS_KEY_ID="kunci",
        AWS_SECRET_ACCESS_KEY="rahasia",
    )
    assert proses.returncode == 0, proses.stderr
    default = json.loads(proses.stdout)
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    opsi = default["OPTIONS"]
    assert opsi["bucket_name"] == "kinerja-berkas"
    assert opsi["endpoint_url"] == "https://minio.gorontaloprov.go.id"
    assert (opsi["access_key"], opsi["secret_key"]) == ("kunci", "rahasia")
    assert opsi["region_name"] is None  # boto3 decides, as for any unset AWS_* value
    assert opsi["querystring_auth"] is True and opsi["file_overwrite"] is False


def test_storage_backend_s3_without_a_bucket_or_an_unknown_backend_refuses_to_start(tmp_path):
    (tmp_path / "storages").mkdir()
    (tmp_path / "storages" / "__init__.py").write_text("")
    tanpa_bucket = _storages_default(tmp_path, PYTHONPATH=str(tmp_path), STORAGE_BACKEND="s3")
    assert tanpa_bucket.returncode != 0 and "AWS_STORAGE_BUCKET_NAME" in tanpa_bucket.stderr
    salah = _storages_default(tmp_path, STORAGE_BACKEND="ftp")
    assert salah.returncode != 0 and "STORAGE_BACKEND harus 'filesystem' atau 's3'" in salah.stderr
