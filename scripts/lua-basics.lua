-- lua-basics: a tour of the vm table. Every command is a function taking
-- the same arguments (integers for numbers, nil for mmap's "-") and
-- returning values, not text: vm.mmap gives the address; a failing call
-- gives nil, "ERRNAME", "explanation", as io.open does; a misused one
-- raises Lua's "bad argument" error. vm.maps, vm.vma, vm.mm, vm.ps and
-- vm.files read the kernel's structures as tables; vm.cmd runs a line as
-- typed and returns what it printed.

local hex, K = vm.hex, 1024

print("-- mmap: nil lets the kernel choose, first fit from TASK_UNMAPPED_BASE")
local a = vm.mmap(nil, 16 * K, "rw-", "private,anon")
vm.file("libc.so", 64 * K)
local lib = vm.mmap(nil, 16 * K, "r-x", "private", "libc.so", 0x2000)
print("anonymous 16k at " .. hex(a) .. ", libc.so at offset 0x2000 at " .. hex(lib))

print("-- /proc/PID/maps as a table")
for _, e in ipairs(vm.maps()) do
  print(hex(e.start), hex(e["end"]), e.perms, hex(e.offset), e.dev, e.inode, e.file)
end

print("-- failures are values")
print(vm.munmap(a + 1, 4 * K))
print(vm.mprotect(0x50000000, 4 * K, "r--"))
local ok, err = vm.use(42)
if not ok then print("no process 42: " .. err) end

print("-- a vm_area_struct, and the mm_struct after a munmap in the middle")
local v = vm.vma(a)
print(hex(v.vm_start), hex(v.vm_end), table.concat(v.flags, "|"))
vm.munmap(a + 4 * K, 4 * K)
local mm = vm.mm()
print("map_count " .. mm.map_count, "total_vm " .. mm.total_vm, "hiwater_vm " .. mm.hiwater_vm)

print("-- processes and files")
for _, p in ipairs(vm.ps()) do print(p.pid, p.comm, p.state, p.map_count, p.total_vm) end
for _, f in ipairs(vm.files()) do print(f.name, f.size, f.inode, f.mappings) end

print("-- vm.cmd: a line's text, and whether it all succeeded")
local text, all_ok = vm.cmd("maps 1; munmap 1 1")
io.write(text)
print(all_ok)

print("-- misuse raises an error")
print(pcall(vm.mmap, nil, "big", "rw-", "private,anon"))
print(pcall(vm.mprotect, a, 4 * K, "rwz"))

print("-- exec replaces the address space; brk returns the break")
vm.exec("/bin/ls")
print(hex(vm.brk()), hex(vm.brk(vm.brk() + 16 * K)))
for _, e in ipairs(vm.maps()) do print(hex(e.start), hex(e["end"]), e.perms, e.file) end
