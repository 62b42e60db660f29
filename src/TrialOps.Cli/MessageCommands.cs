using System.CommandLine;
using TrialOps.Runtime;

namespace TrialOps.Cli;

public static class MessageCommands
{
    public static void Add(RootCommand root)
    {
        var messages = new Command("messages", "Durable messages: dead letters and their replay.");

        var deadLetters = new Command("dead-letters", "List messages that failed every attempt, with their last error.");
        deadLetters.SetAction(Cli.WithRuntime(async (runtime, _, ct) =>
        {
            var dead = await DeadLetters.ListAsync(runtime, ct);
            if (dead.Count == 0)
            {
                Console.WriteLine("No dead letters.");
            }

            foreach (var d in dead)
            {
                Console.WriteLine($"{d.Id}\t{d.MessageType}\tfailed {d.FailedAt:u}\t{d.ExceptionType}: {d.ExceptionMessage}");
            }

            return 0;
        }));

        var id = new Argument<Guid>("ID") { Description = "The dead letter's id (see dead-letters)." };
        var replay = new Command("replay", "Put a dead letter back in the queue with fresh attempts.") { id };
        replay.SetAction(Cli.WithRuntime(async (runtime, parse, ct) =>
        {
            var messageId = parse.GetValue(id);
            if (!await DeadLetters.ReplayAsync(runtime, messageId, ct))
            {
                throw new CliException($"no dead letter with id {messageId}");
            }

            Console.WriteLine($"Message {messageId} queued for delivery again.");
            return 0;
        }));

        messages.Subcommands.Add(deadLetters);
        messages.Subcommands.Add(replay);
        root.Subcommands.Add(messages);
    }
}
