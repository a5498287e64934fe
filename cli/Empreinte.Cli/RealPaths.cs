namespace Empreinte.Cli;

/// <summary>
/// The real path of a file or folder: absolute, with every symbolic link along it resolved (as
/// realpath(3)), so one file reached by two names, or one folder reached again through a link, is
/// recognised as the same.
/// </summary>
internal static class RealPaths
{
    /// <summary>Linux gives up after 40 links (ELOOP); so does this.</summary>
    private const int MaxLinks = 40;

    public static string Of(string path)
    {
        var links = 0;
        var pending = new Stack<string>();
        var full = Path.GetFullPath(path);
        var current = Path.GetPathRoot(full)!;
        foreach (var segment in full[current.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse()) pending.Push(segment);

        while (pending.TryPop(out var segment))
        {
            var next = Path.Combine(current, segment);
            if (new FileInfo(next).LinkTarget is not { } target)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks) throw new IOException($"{path}: too many levels of symbolic links.");
            // The target replaces this segment: resolved from the root when absolute, from here when relative.
            var resolved = Path.GetFullPath(target, current);
            current = Path.GetPathRoot(resolved)!;
            foreach (var part in resolved[current.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse()) pending.Push(part);
        }

        return current;
    }
}
