package vtimerlab.app.view;

import vtimerlab.app.session.Frame;

/**
 * A view that draws one part of the machine from a {@link Frame}. Views only draw: every action they offer goes to
 * the {@link vtimerlab.app.session.Session} as a scenario command. {@link #show} runs on the JavaFX thread and must be
 * cheap (no engine access, no blocking).
 */
public interface FrameView {
    void show(Frame frame);
}
