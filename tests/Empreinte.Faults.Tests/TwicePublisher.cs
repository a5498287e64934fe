using System.Reflection;
using Empreinte.Contracts;
using MassTransit;

namespace Empreinte.Faults.Tests;

/// <summary>
/// A publish endpoint that publishes every <see cref="UsageBatchParsed"/> twice (the second copy
/// after the first is confirmed) and everything else once: duplicate deliveries of every batch.
/// A proxy, because <see cref="IPublishEndpoint"/> has a dozen overloads and only one matters here.
/// </summary>
public class TwicePublisher : DispatchProxy
{
    private IPublishEndpoint _inner = null!;

    public static IPublishEndpoint Wrap(IPublishEndpoint inner)
    {
        var proxy = Create<IPublishEndpoint, TwicePublisher>();
        ((TwicePublisher)(object)proxy)._inner = inner;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var first = targetMethod.Invoke(_inner, args);
        return targetMethod.Name == nameof(IPublishEndpoint.Publish) && args is [UsageBatchParsed, ..] && first is Task published
            ? PublishAgain(published, targetMethod, args)
            : first;
    }

    private async Task PublishAgain(Task first, MethodInfo method, object?[] args)
    {
        await first;
        await (Task)method.Invoke(_inner, args)!;
    }
}
