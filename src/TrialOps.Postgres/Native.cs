using System.Runtime.InteropServices;

namespace TrialOps.Postgres;

/// <summary>The few libc calls .NET does not expose: effective user, file owner, chown, user lookup.</summary>
internal static partial class Native
{
    private const int AtFdCwd = -100;
    private const uint StatxBasicStats = 0x7ff;

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directoryFd, string path, int flags, uint mask, out StatxBuffer buffer);

    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Chown(string path, uint userId, uint groupId);

    [LibraryImport("libc", EntryPoint = "getpwnam", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr GetPasswordEntry(string name);

    [LibraryImport("libc", EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr RealPath(string path, IntPtr resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(IntPtr pointer);

    // statx has one layout on every Linux architecture, unlike struct stat; only the head is read.
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    private struct StatxBuffer
    {
        public uint Mask;
        public uint BlockSize;
        public ulong Attributes;
        public uint LinkCount;
        public uint UserId;
        public uint GroupId;
        public ushort Mode;
    }

    public static bool IsRoot => OperatingSystem.IsLinux() && GetEffectiveUserId() == 0;

    public static (uint UserId, uint GroupId, UnixFileMode Mode) Stat(string path)
    {
        if (Statx(AtFdCwd, path, 0, StatxBasicStats, out var buffer) != 0)
        {
            throw new IOException($"Cannot read the owner of {path} (errno {Marshal.GetLastPInvokeError()}).");
        }
        return (buffer.UserId, buffer.GroupId, (UnixFileMode)(buffer.Mode & 0xfff));
    }

    public static void ChangeOwner(string path, uint userId, uint groupId)
    {
        if (Chown(path, userId, groupId) != 0)
        {
            throw new IOException($"Cannot give {path} to user {userId} (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    /// <summary>The absolute path with every symbolic link resolved; the path must exist.</summary>
    public static string ResolveRealPath(string path)
    {
        var resolved = RealPath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            throw new IOException($"Cannot resolve {path} (errno {Marshal.GetLastPInvokeError()}).");
        }
        try
        {
            return Marshal.PtrToStringUTF8(resolved)!;
        }
        finally
        {
            Free(resolved);
        }
    }

    /// <summary>The user id and primary group of a system user, or null when there is no such user.</summary>
    public static (uint UserId, uint GroupId)? LookUpUser(string name)
    {
        var entry = GetPasswordEntry(name);
        if (entry == IntPtr.Zero)
        {
            return null;
        }
        // struct passwd: char* pw_name; char* pw_passwd; uid_t pw_uid; gid_t pw_gid; ...
        var userId = (uint)Marshal.ReadInt32(entry, 2 * IntPtr.Size);
        var groupId = (uint)Marshal.ReadInt32(entry, 2 * IntPtr.Size + 4);
        return (userId, groupId);
    }
}
