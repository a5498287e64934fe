using Empreinte.Contracts;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Empreinte.Benchmarks;

/// <summary>
/// MassTransit's in-memory bus alone: the same batches published to three endpoints whose
/// consumers only count lines. Isolates the transport's cost (serialisation per endpoint) from
/// the calculators and the sink.
/// </summary>
internal static class BusOnly
{
    public static async Task<long> PublishAsync(IReadOnlyList<UsageLine> lines, int batches)
    {
        var counter = new LineCounter(batches * 3);
        var services = new ServiceCollection();
        services.AddSingleton(counter);
        services.AddMassTransit(bus =>
        {
            bus.AddConsumer<CountingEnergyConsumer>();
            bus.AddConsumer<CountingWaterConsumer>();
            bus.AddConsumer<CountingMaterialsConsumer>();
            bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
        });
        await using var provider = services.BuildServiceProvider();
        var control = provider.GetRequiredService<IBusControl>();
        await control.StartAsync();
        try
        {
            var importId = Guid.NewGuid();
            for (var i = 1; i <= batches; i++) await control.Publish(new UsageBatchParsed(importId, i, lines));
            return await counter.Done.Task;
        }
        finally
        {
            await control.StopAsync();
        }
    }

    internal sealed class LineCounter(int expectedMessages)
    {
        private long _lines;
        private int _messages;

        public TaskCompletionSource<long> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Add(int lines)
        {
            Interlocked.Add(ref _lines, lines);
            if (Interlocked.Increment(ref _messages) == expectedMessages) Done.TrySetResult(Interlocked.Read(ref _lines));
        }
    }

    internal sealed class CountingEnergyConsumer(LineCounter counter) : IConsumer<UsageBatchParsed>
    {
        public Task Consume(ConsumeContext<UsageBatchParsed> context)
        {
            counter.Add(context.Message.Lines.Count);
            return Task.CompletedTask;
        }
    }

    internal sealed class CountingWaterConsumer(LineCounter counter) : IConsumer<UsageBatchParsed>
    {
        public Task Consume(ConsumeContext<UsageBatchParsed> context)
        {
            counter.Add(context.Message.Lines.Count);
            return Task.CompletedTask;
        }
    }

    internal sealed class CountingMaterialsConsumer(LineCounter counter) : IConsumer<UsageBatchParsed>
    {
        public Task Consume(ConsumeContext<UsageBatchParsed> context)
        {
            counter.Add(context.Message.Lines.Count);
            return Task.CompletedTask;
        }
    }
}
