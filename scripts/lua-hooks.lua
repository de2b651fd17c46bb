-- lua-hooks: count the kernel's splits and merges with vm.on while an
-- address space is built and taken apart. A hook runs after the call that
-- caused its event, never in the middle of it: the machine is whole again,
-- so a hook may look at it and call vm.* itself. ev.value is new_below for
-- a split and the vma_merge case for a merge; ev.vma is the VMA the event
-- names, as it was at that moment.

local hex, P = vm.hex, 4096
local splits, merges = 0, 0

vm.on("split", function(ev)
  splits = splits + 1
  print(string.format("  split_vma(%s-%s, new_below=%d): new VMA %s-%s",
    hex(ev.vma.start), hex(ev.vma["end"]), ev.value, hex(ev.start), hex(ev["end"])))
end)
vm.on("merge", function(ev)
  merges = merges + 1
  print(string.format("  vma_merge case %d: one VMA %s-%s", ev.value, hex(ev.start), hex(ev["end"])))
end)
-- a hook may call vm.*: after each munmap, how many VMAs are left
local count = vm.on("munmap", function(ev)
  print(string.format("  munmap %s-%s done: map_count %d", hex(ev.start), hex(ev["end"]),
    vm.mm().map_count))
end)

local function step(what, fn, ...)
  print(what)
  local ok, err, why = fn(...)
  if not ok then print("  failed: " .. err .. ": " .. why) end
end

local base = 0x40000000
step("map 8 pages rw- (AAAAAAAA)", vm.mmap, base, 8 * P, "rw-", "private,anon")
step("make pages 2-3 read-only (AABBAAAA): two splits", vm.mprotect, base + 2 * P, 2 * P, "r--")
step("make them writable again (AAAAAAAA): one merge", vm.mprotect, base + 2 * P, 2 * P, "rw-")
step("map 2 pages right after (AAAAAAAAAA): the new range joins prev", vm.mmap, base + 8 * P, 2 * P, "rw-", "private,anon")
step("map 2 pages leaving a hole (AAAAAAAAAA.AA): no merge", vm.mmap, base + 11 * P, 2 * P, "rw-", "private,anon")
step("fill the hole (AAAAAAAAAAAAA): prev and next join", vm.mmap, base + 10 * P, P, "rw-", "private,anon")
step("unmap page 5 (AAAAA.AAAAAAA): two splits", vm.munmap, base + 5 * P, P)
step("unmap pages 3-8 (AAA......AAAA): a split at each end", vm.munmap, base + 3 * P, 6 * P)
step("lock page 10 (AAA......ABAA): two splits", vm.mlock, base + 10 * P, P)
step("unlock it (AAA......AAAA): one merge", vm.munlock, base + 10 * P, P)
vm.off(count)
step("unmap everything: no split, no hook on munmap now", vm.munmap, base, 13 * P)

print(string.format("%d splits, %d merges; map_count %d", splits, merges, vm.mm().map_count))
