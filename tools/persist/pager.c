/* pager.c - paging output on a terminal as git does: $PERSIST_PAGER, $PAGER or less -FRX. */
#include "pager.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* A pager command with one of these is run by /bin/sh; one without is run directly, so that a
 * pager that does not exist is noticed and the output goes to the terminal instead. */
#define SHELL_CHARS "|&;<>()$`\\\"'*?[]#~=%{}\n"

static pid_t pager_pid = -1;
static int saved_stderr = -1;

const char *pager_command(void)
{
    const char *cmd = getenv("PERSIST_PAGER");
    if (cmd == NULL)
        cmd = getenv("PAGER");
    if (cmd == NULL)
        cmd = "less -FRX";
    return cmd[0] == '\0' || strcmp(cmd, "cat") == 0 ? NULL : cmd;
}

/* In the child: runs the pager on the pipe `data`; when that fails, tells the parent through
 * `status` (whose write end a successful exec closes). Never returns. */
static void run_pager(const char *cmd, const int data[2], const int status[2])
{
    char copy[1024], *argv[32], *save = NULL;
    int n = 0, err;
    close(status[0]);
    close(data[1]);
    if (dup2(data[0], STDIN_FILENO) < 0)
        _exit(127);
    close(data[0]);
    if (strpbrk(cmd, SHELL_CHARS) != NULL || strlen(cmd) >= sizeof copy) {
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
    } else {
        strcpy(copy, cmd);
        for (char *w = strtok_r(copy, " \t", &save); w != NULL && n < 31;
             w = strtok_r(NULL, " \t", &save))
            argv[n++] = w;
        argv[n] = NULL;
        if (n > 0)
            execvp(argv[0], argv);
    }
    err = errno;
    if (write(status[1], &err, sizeof err) < 0)
        _exit(126);
    _exit(127);
}

/* Ctrl-C (which the pager ignores) and the like: let the pager finish with the terminal first,
 * then die of the signal. */
static void on_signal(int sig)
{
    close(STDOUT_FILENO);
    if (saved_stderr >= 0)
        dup2(saved_stderr, STDERR_FILENO);
    if (pager_pid > 0)
        waitpid(pager_pid, NULL, 0);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Did the child start the pager? (The status pipe is closed by its exec, or carries its errno.) */
static int pager_started(pid_t pid, int status_fd)
{
    int err;
    ssize_t n;
    while ((n = read(status_fd, &err, sizeof err)) < 0 && errno == EINTR)
        ;
    if (n == 0)
        return 1;
    while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
        ;
    return 0;
}

/* The output now goes into the pipe `fd`: stdout, and stderr when it is a terminal too. */
static void redirect_output(int fd)
{
    static const int signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    dup2(fd, STDOUT_FILENO);
    if (isatty(STDERR_FILENO) && (saved_stderr = dup(STDERR_FILENO)) >= 0)
        dup2(fd, STDERR_FILENO);
    close(fd);
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++)
        signal(signals[i], on_signal);
}

int pager_start(void)
{
    const char *cmd = pager_command();
    int data[2] = {-1, -1}, status[2] = {-1, -1}, started = 0;
    pid_t pid;
    if (cmd == NULL || !isatty(STDOUT_FILENO))
        return 0;
    if (pipe(data) != 0 || pipe2(status, O_CLOEXEC) != 0)
        goto out;
    fflush(stdout);
    fflush(stderr);
    if ((pid = fork()) == 0)
        run_pager(cmd, data, status);
    close(status[1]);
    close(data[0]);
    status[1] = data[0] = -1;
    if (pid < 0 || !pager_started(pid, status[0]))
        goto out;
    pager_pid = pid;
    redirect_output(data[1]);
    data[1] = -1;
    started = 1;
out:
    for (int i = 0; i < 2; i++) {
        if (data[i] >= 0)
            close(data[i]);
        if (status[i] >= 0)
            close(status[i]);
    }
    return started;
}

void pager_end(void)
{
    if (pager_pid < 0)
        return;
    fflush(stdout);
    fflush(stderr);
    close(STDOUT_FILENO);
    if (saved_stderr >= 0) {
        dup2(saved_stderr, STDERR_FILENO);
        close(saved_stderr);
        saved_stderr = -1;
    }
    while (waitpid(pager_pid, NULL, 0) < 0 && errno == EINTR)
        ;
    pager_pid = -1;
}
