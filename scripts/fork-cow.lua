-- fork-cow.lua: copy-on-write after fork, told as it happens.
-- A process writes two pages, forks, and parent and child write in turn.
-- Hooks on the engine's "fault" and "cow" events count what the kernel
-- does; smaps shows the pages going from Shared to Private, and the frames
-- come back when the child exits. Run it: vmsh scripts/fork-cow.lua

local faults, cows = 0, 0
vm.on("fault", function(ev) faults = faults + 1 end)
vm.on("cow", function(ev)
	cows = cows + 1
	print(string.format("   [cow] pid %d at %s: %s", ev.pid, vm.hex(ev.start), ev.text))
end)

local function smaps_line(pid, addr)
	for _, s in ipairs(vm.smaps(pid)) do
		if s.start == addr then
			return string.format("Rss %d kB, Pss %d kB, Shared_Dirty %d kB, Private_Dirty %d kB",
				s.rss, s.pss, s.shared_dirty, s.private_dirty)
		end
	end
end

local function frames_in_use()
	return #vm.frames().frames
end

local base = vm.mmap(nil, 8192, "rw-", "private,anon")
print("1. pid 1 maps two pages at " .. vm.hex(base) .. " and writes both:")
vm.write(base, "parent page 0")
vm.write(base + 4096, "parent page 1")
print("   " .. faults .. " faults (do_anonymous_page gives each page a zeroed frame)")
print("   pid 1: " .. smaps_line(1, base))
local before = frames_in_use()

local child = vm.fork()
print("2. fork: pid " .. child .. " shares both frames; copy_page_range write-protected the PTEs")
print("   pid 1: " .. smaps_line(1, base))
print("   pid " .. child .. ": " .. smaps_line(child, base))

print("3. the child writes page 0: do_wp_page copies it (the frame is mapped twice)")
vm.use(child)
vm.write(base, "child page 0")
print("   pid " .. child .. ": " .. smaps_line(child, base))

print("4. the parent writes page 0: its frame is now mapped once, so do_wp_page reuses it")
vm.use(1)
vm.write(base, "PARENT page 0")
print("   pid 1: " .. smaps_line(1, base))

print("5. each sees its own page 0, and still shares page 1:")
print("   pid 1 reads '" .. vm.read(base, 13) .. "', page 1 '" .. vm.read(base + 4096, 13) .. "'")
vm.use(child)
print("   pid " .. child .. " reads '" .. vm.read(base, 12) .. "', page 1 '" .. vm.read(base + 4096, 13) .. "'")
vm.use(1)

print(string.format("6. %d faults, %d of them copy-on-write; status says min_flt %d + %d",
	faults, cows, vm.status(1).min_flt, vm.status(child).min_flt))

print("7. the child exits: exit_mmap drops its frames; wait reaps it")
vm.exit(child)
local after = frames_in_use()
print("   reaped pid " .. vm.wait() .. "; frames in use " .. after .. ", as before the fork: " ..
	(after == before and "yes" or "NO (" .. before .. ")"))
print("   (the child's copy of page 0, its page table and page directory went with it)")
print("   pid 1: " .. smaps_line(1, base) .. ", cmin_flt " .. vm.status(1).cmin_flt)
