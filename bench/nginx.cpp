#include "bench/nginx.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

extern char** environ;

namespace conform::bench {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// Bound and released at once: nginx binds it a moment later. Another process could take it in
// between; start() then retries on a new port.
int free_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    if (fd >= 0) {
      ::close(fd);
    }
    throw std::runtime_error("cannot bind 127.0.0.1:0");
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

bool accepts_connections(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

// nginx single-quoted string: a backslash escapes the quote and itself.
std::string nginx_quote(const std::string& s) {
  std::string out = "'";
  for (const char c : s) {
    if (c == '\'' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out + "'";
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

std::optional<std::string> Nginx::find_binary() {
  // /usr/sbin is often not on a non-root PATH, where Debian installs it.
  for (const char* candidate : {"/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"}) {
    if (::access(candidate, X_OK) == 0) {
      return std::string(candidate);
    }
  }
  return std::nullopt;
}

Nginx::Nginx(const std::string& binary, const std::string& body) : body_(body) {
  char pattern[] = "/tmp/conform-bench-nginx-XXXXXX";
  if (::mkdtemp(pattern) == nullptr) {
    throw std::runtime_error("cannot create a temp dir for nginx");
  }
  dir_ = pattern;
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (start_once(binary)) {
      return;
    }
  }
  const std::string log = read_file(dir_ + "/error.log");
  std::error_code ec;
  fs::remove_all(dir_, ec);
  throw std::runtime_error("nginx did not start; its error log:\n" + log);
}

Nginx::~Nginx() {
  stop();
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

bool Nginx::start_once(const std::string& binary) {
  port_ = free_loopback_port();
  // Every path nginx would write to is in dir_, so it runs as any user and touches nothing
  // of the system's nginx. Keep-alive limits are lifted so connections are never recycled
  // mid-run, as with the mock.
  std::ofstream(dir_ + "/nginx.conf")
      << "worker_processes 1;\n"
      << "daemon off;\n"
      << "pid " << dir_ << "/nginx.pid;\n"
      << "error_log " << dir_ << "/error.log warn;\n"
      << "events { worker_connections 1024; }\n"
      << "http {\n"
      << "  access_log off;\n"
      << "  client_body_temp_path " << dir_ << "/client_body;\n"
      << "  proxy_temp_path " << dir_ << "/proxy;\n"
      << "  fastcgi_temp_path " << dir_ << "/fastcgi;\n"
      << "  uwsgi_temp_path " << dir_ << "/uwsgi;\n"
      << "  scgi_temp_path " << dir_ << "/scgi;\n"
      << "  keepalive_requests 100000000;\n"
      << "  keepalive_timeout 120s;\n"
      << "  server {\n"
      << "    listen 127.0.0.1:" << port_ << ";\n"
      << "    default_type application/json;\n"
      << "    location / { return 200 " << nginx_quote(body_) << "; }\n"
      << "  }\n"
      << "}\n";
  const std::string conf = dir_ + "/nginx.conf";
  const std::string log = dir_ + "/error.log";
  // -e: the startup log goes to dir_ too, not to /var/log/nginx before the config is read.
  std::vector<std::string> args{binary, "-p", dir_, "-c", conf, "-e", log};
  std::vector<char*> argv;
  for (auto& a : args) {
    argv.push_back(a.data());
  }
  argv.push_back(nullptr);
  if (::posix_spawn(&pid_, binary.c_str(), nullptr, nullptr, argv.data(), environ) != 0) {
    throw std::runtime_error("cannot run " + binary);
  }
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return false;  // exited: most likely the port was taken in between
    }
    if (accepts_connections(port_)) {
      return true;
    }
    std::this_thread::sleep_for(10ms);
  }
  stop();
  return false;
}

void Nginx::stop() {
  if (pid_ <= 0) {
    return;
  }
  // SIGTERM is nginx's fast shutdown: the master stops its worker and exits.
  ::kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + 3s;
  int status = 0;
  while (::waitpid(pid_, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(10ms);
  }
  pid_ = -1;
}

}  // namespace conform::bench
