/*
 * The VMM's end of the channel to the host: framed, checksummed messages
 * (oracle/wire_format.h) over the virtio serial port.
 */
#ifndef DBGREF_ORACLE_VMM_CHANNEL_H_
#define DBGREF_ORACLE_VMM_CHANNEL_H_

#include <stddef.h>
#include <stdint.h>

#include "oracle/vmm/bytes.h"

/* CRC-32 (IEEE 802.3, as zlib computes it). */
uint32_t crc32_ieee(const uint8_t *data, size_t len);

/* Opens the first /dev/vportNpM, waiting up to timeout_ms for it to appear.
 * Returns the fd or -1. */
int channel_open(int timeout_ms);

/* Sends one frame. Returns 0 or -1. */
int channel_send(int fd, uint16_t type, const uint8_t *payload, size_t len);

/* Receives one frame into `payload` (reset first). Returns its type, or -1
 * on end of input, a read error or a bad frame (a message says which). */
int channel_receive(int fd, struct writer *payload);

#endif /* DBGREF_ORACLE_VMM_CHANNEL_H_ */
