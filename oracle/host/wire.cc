// The host side of the wire format (see wire.h).
#include "oracle/host/wire.h"

#include <array>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace dbgref::oracle {
namespace {

template <typename T>
void Put(std::vector<uint8_t>& out, T v) {
  uint8_t b[sizeof(T)];
  std::memcpy(b, &v, sizeof(T));
  out.insert(out.end(), b, b + sizeof(T));
}

// Reads fields from a payload; the first overrun makes every later read
// fail, and the decoder reports where.
class Reader {
 public:
  Reader(const uint8_t* data, size_t len) : data_(data), len_(len) {}
  template <typename T>
  bool Get(T& v) {
    if (len_ - pos_ < sizeof(T)) return false;
    std::memcpy(&v, data_ + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  bool Take(size_t n, const uint8_t*& p) {
    if (len_ - pos_ < n) return false;
    p = data_ + pos_;
    pos_ += n;
    return true;
  }
  size_t left() const { return len_ - pos_; }

 private:
  const uint8_t* data_;
  size_t len_;
  size_t pos_ = 0;
};

absl::Status Garbled(size_t script, size_t op, const std::string& what) {
  return absl::DataLossError(
      absl::StrCat("garbled results from the VMM: script ", script, ", op ", op,
                   ": ", what));
}

bool KnownType(uint16_t type) {
  return type >= DBGREF_FRAME_READY && type <= DBGREF_FRAME_FATAL;
}

}  // namespace

uint32_t Crc32(const uint8_t* data, size_t len) {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  uint32_t c = 0xffffffffu;
  for (size_t i = 0; i < len; ++i) c = table[(c ^ data[i]) & 0xff] ^ (c >> 8);
  return c ^ 0xffffffffu;
}

std::vector<uint8_t> EncodeFrame(uint16_t type,
                                 const std::vector<uint8_t>& payload) {
  std::vector<uint8_t> out;
  out.reserve(DBGREF_WIRE_HEADER_SIZE + payload.size());
  Put(out, DBGREF_WIRE_MAGIC);
  Put(out, static_cast<uint16_t>(DBGREF_WIRE_VERSION));
  Put(out, type);
  Put(out, static_cast<uint32_t>(payload.size()));
  Put(out, Crc32(payload.data(), payload.size()));
  out.insert(out.end(), payload.begin(), payload.end());
  return out;
}

void FrameReader::Feed(const uint8_t* data, size_t len) {
  if (start_ > 0 && start_ == buffer_.size()) {
    buffer_.clear();
    start_ = 0;
  }
  buffer_.insert(buffer_.end(), data, data + len);
}

absl::StatusOr<std::optional<Frame>> FrameReader::Next() {
  if (pending() < DBGREF_WIRE_HEADER_SIZE) return std::optional<Frame>();
  const uint8_t* h = buffer_.data() + start_;
  uint32_t magic, length, crc;
  uint16_t version, type;
  std::memcpy(&magic, h, 4);
  std::memcpy(&version, h + 4, 2);
  std::memcpy(&type, h + 6, 2);
  std::memcpy(&length, h + 8, 4);
  std::memcpy(&crc, h + 12, 4);
  if (magic != DBGREF_WIRE_MAGIC) {
    return absl::DataLossError(
        absl::StrCat("garbled output from the VMM: bad frame magic 0x",
                     absl::Hex(magic, absl::kZeroPad8)));
  }
  if (version != DBGREF_WIRE_VERSION) {
    return absl::DataLossError(absl::StrCat(
        "the VMM speaks wire version ", version, ", the host ",
        DBGREF_WIRE_VERSION, ": rebuild both (bazel build //oracle/...)"));
  }
  if (!KnownType(type) || length > DBGREF_WIRE_MAX_PAYLOAD) {
    return absl::DataLossError(absl::StrCat(
        "garbled output from the VMM: frame type ", type, ", length ", length));
  }
  if (pending() < DBGREF_WIRE_HEADER_SIZE + length) {
    return std::optional<Frame>();
  }
  Frame f;
  f.type = type;
  const uint8_t* p = h + DBGREF_WIRE_HEADER_SIZE;
  f.payload.assign(p, p + length);
  if (Crc32(f.payload.data(), length) != crc) {
    return absl::DataLossError(absl::StrCat(
        "garbled output from the VMM: checksum mismatch in a frame of type ",
        type, " and length ", length));
  }
  start_ += DBGREF_WIRE_HEADER_SIZE + length;
  return std::optional<Frame>(std::move(f));
}

std::vector<uint8_t> EncodeBatch(const std::vector<Script>& scripts) {
  std::vector<uint8_t> out;
  Put(out, static_cast<uint32_t>(scripts.size()));
  for (const Script& s : scripts) {
    Put(out, static_cast<uint32_t>(s.ops().size()));
    Put(out, static_cast<uint32_t>(s.watch().size()));
    for (uint64_t id : s.watch()) Put(out, id);
    for (const Op& op : s.ops()) {
      Put(out, static_cast<uint16_t>(op.opcode));
      Put(out, uint16_t{0});
      Put(out, static_cast<uint32_t>(op.args.size()));
      out.insert(out.end(), op.args.begin(), op.args.end());
    }
  }
  return out;
}

absl::StatusOr<std::vector<ScriptResult>> DecodeResults(
    const std::vector<uint8_t>& payload, const std::vector<Script>& scripts) {
  Reader r(payload.data(), payload.size());
  uint32_t count;
  if (!r.Get(count)) return Garbled(0, 0, "no script count");
  if (count != scripts.size()) {
    return Garbled(
        0, 0, absl::StrCat(count, " results for ", scripts.size(), " scripts"));
  }
  std::vector<ScriptResult> results(count);
  for (size_t s = 0; s < count; ++s) {
    const Script& script = scripts[s];
    ScriptResult& out = results[s];
    uint32_t reset, n;
    if (!r.Get(reset) || !r.Get(n)) return Garbled(s, 0, "truncated header");
    out.reset_errno = static_cast<int32_t>(reset);
    size_t expected = reset == 0 ? script.ops().size() : 0;
    if (n != expected) {
      return Garbled(s, 0, absl::StrCat(n, " results for ", expected, " ops"));
    }
    for (size_t i = 0; i < n; ++i) {
      uint16_t opcode, zero;
      uint32_t len;
      const uint8_t* body;
      if (!r.Get(opcode) || !r.Get(zero) || !r.Get(len) || !r.Take(len, body)) {
        return Garbled(s, i, "truncated record");
      }
      if (opcode != script.ops()[i].opcode) {
        return Garbled(
            s, i,
            absl::StrCat("opcode ", opcode, " for ", script.ops()[i].opcode));
      }
      OpResult o;
      o.opcode = static_cast<dbgref_opcode>(opcode);
      Reader b(body, len);
      if (!b.Get(o.ret) || !b.Get(o.err)) return Garbled(s, i, "short body");
      switch (o.opcode) {
        case DBGREF_WIRE_OP_GET_ONE_REG:
          if (!b.Get(o.value)) return Garbled(s, i, "short get_one_reg body");
          break;
        case DBGREF_WIRE_OP_READ_MEM: {
          const uint8_t* p;
          size_t k = b.left();
          b.Take(k, p);
          o.bytes.assign(p, p + k);
          break;
        }
        case DBGREF_WIRE_OP_RUN: {
          dbgref_run_body rb;
          if (len !=
              sizeof(rb) + script.watch().size() * sizeof(dbgref_reg_value)) {
            return Garbled(s, i, absl::StrCat("run body of ", len, " bytes"));
          }
          std::memcpy(&rb, body, sizeof(rb));
          b = Reader(body + sizeof(rb), len - sizeof(rb));
          RunResult& run = o.run;
          run.timed_out = rb.timed_out != 0;
          run.exit_reason = rb.exit_reason;
          run.hsr = rb.hsr;
          run.hsr_high = rb.hsr_high;
          run.far = rb.far;
          run.run_flags = rb.run_flags;
          run.mmio_phys_addr = rb.mmio_phys_addr;
          run.mmio_data = rb.mmio_data;
          run.mmio_len = rb.mmio_len;
          run.mmio_is_write = rb.mmio_is_write != 0;
          run.exits_delta = rb.exits_delta;
          for (uint64_t id : script.watch()) {
            dbgref_reg_value v;
            b.Get(v);
            run.regs.push_back(RegValue{id, v.err, v.value});
          }
          break;
        }
        default:
          break;
      }
      if (b.left() != 0) {
        return Garbled(s, i,
                       absl::StrCat(b.left(), " stray bytes in the body"));
      }
      out.results.push_back(std::move(o));
    }
  }
  if (r.left() != 0) {
    return Garbled(count, 0, absl::StrCat(r.left(), " trailing bytes"));
  }
  return results;
}

}  // namespace dbgref::oracle
