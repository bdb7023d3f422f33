package io.zkoam.agent.zk;

/** The local server did not answer within the agent's bounded timeout (not connected, or a call took too long). */
public class ZooKeeperUnavailableException extends Exception {

    public ZooKeeperUnavailableException(String message) {
        super(message);
    }
}
