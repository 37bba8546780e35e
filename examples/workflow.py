"""The "Example Workflow" of Plasma's public contract (docs/architecture.md), as written: simulate,
audit, distil, deploy, trace.

Run: python examples/workflow.py
"""

import asyncio

from plasma import Auditor, Distiller, Simulator, StateTracker


async def main():
    # Initialize components
    simulator = Simulator()
    distiller = Distiller()
    auditor = Auditor()
    tracker = StateTracker()

    # Start all components
    await asyncio.gather(simulator.start(), distiller.start(), auditor.start(), tracker.start())

    # Create trace
    trace_id = tracker.create_trace()

    # Generate phantom paths
    paths = await simulator.simulate(initial_state={"step": 0}, num_paths=10, path_length=100)

    # Audit paths
    audit = await auditor.audit_paths(paths)

    if audit["passed"]:
        # Distill and deploy
        packets = await distiller.distill_from_paths(paths)
        results = await distiller.deploy_packets(packets)
        print(f"Deployed {results['deployed']} packets")
    else:
        # Not in the contract: say why nothing was distilled (the auditor found model exploits).
        print(f"Audit {audit['overall_status']}: {'; '.join(audit['reasons'])}")

    # Complete trace
    await tracker.complete_trace(trace_id)

    # Cleanup
    await asyncio.gather(simulator.stop(), distiller.stop(), auditor.stop(), tracker.stop())


if __name__ == "__main__":
    asyncio.run(main())
