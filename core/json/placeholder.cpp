// Keeps conform_core non-empty until the first real sources land.
namespace conform {}
