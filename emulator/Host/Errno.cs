namespace Hdbt.Host;

/// <summary>Linux errno values (the same on i386 and x86-64) and their names.</summary>
public static class Errno
{
    public const int EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EIO = 5, ENXIO = 6, E2BIG = 7, ENOEXEC = 8,
        EBADF = 9, ECHILD = 10, EAGAIN = 11, ENOMEM = 12, EACCES = 13, EFAULT = 14, EBUSY = 16, EEXIST = 17,
        EXDEV = 18, ENODEV = 19, ENOTDIR = 20, EISDIR = 21, EINVAL = 22, ENFILE = 23, EMFILE = 24, ENOTTY = 25,
        EFBIG = 27, ENOSPC = 28, ESPIPE = 29, EROFS = 30, EMLINK = 31, EPIPE = 32, EDOM = 33, ERANGE = 34,
        ENAMETOOLONG = 36, ENOSYS = 38, ENOTEMPTY = 39, ELOOP = 40, EOVERFLOW = 75, ENOTSUP = 95, ETIMEDOUT = 110;

    private static readonly Dictionary<int, string> s_names = new()
    {
        [EPERM] = "EPERM", [ENOENT] = "ENOENT", [ESRCH] = "ESRCH", [EINTR] = "EINTR", [EIO] = "EIO", [ENXIO] = "ENXIO",
        [E2BIG] = "E2BIG", [ENOEXEC] = "ENOEXEC", [EBADF] = "EBADF", [ECHILD] = "ECHILD", [EAGAIN] = "EAGAIN",
        [ENOMEM] = "ENOMEM", [EACCES] = "EACCES", [EFAULT] = "EFAULT", [EBUSY] = "EBUSY", [EEXIST] = "EEXIST",
        [EXDEV] = "EXDEV", [ENODEV] = "ENODEV", [ENOTDIR] = "ENOTDIR", [EISDIR] = "EISDIR", [EINVAL] = "EINVAL",
        [ENFILE] = "ENFILE", [EMFILE] = "EMFILE", [ENOTTY] = "ENOTTY", [EFBIG] = "EFBIG", [ENOSPC] = "ENOSPC",
        [ESPIPE] = "ESPIPE", [EROFS] = "EROFS", [EMLINK] = "EMLINK", [EPIPE] = "EPIPE", [EDOM] = "EDOM",
        [ERANGE] = "ERANGE", [ENAMETOOLONG] = "ENAMETOOLONG", [ENOSYS] = "ENOSYS", [ENOTEMPTY] = "ENOTEMPTY",
        [ELOOP] = "ELOOP", [EOVERFLOW] = "EOVERFLOW", [ENOTSUP] = "ENOTSUP", [ETIMEDOUT] = "ETIMEDOUT",
    };

    public static string Name(int errno) => s_names.TryGetValue(errno, out var n) ? n : $"errno {errno}";
}
