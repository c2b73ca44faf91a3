/* pager.c - paging a command's output through $PERSIST_PAGER, $PAGER or `less -FRX` when stdout is
 * a terminal, the way git does. */
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

/* In the child: runs the pager; when that fails, tells the parent through status_fd (closed on a
 * successful exec). */
static void exec_pager(const char *cmd, int status_fd)
{
    char copy[1024], *argv[32], *save = NULL;
    int n = 0, err;
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
    if (write(status_fd, &err, sizeof err) < 0)
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
    close(status_fd);
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
    int data[2], status[2];
    pid_t pid;
    if (cmd == NULL || !isatty(STDOUT_FILENO) || pipe(data) != 0)
        return 0;
    if (pipe2(status, O_CLOEXEC) != 0) {
        close(data[0]), close(data[1]);
        return 0;
    }
    fflush(stdout);
    fflush(stderr);
    if ((pid = fork()) == 0) {
        close(status[0]);
        close(data[1]);
        if (dup2(data[0], STDIN_FILENO) < 0)
            _exit(127);
        close(data[0]);
        exec_pager(cmd, status[1]);
    }
    close(status[1]);
    close(data[0]);
    if (pid < 0 || !pager_started(pid, status[0])) {
        close(data[1]);
        if (pid < 0)
            close(status[0]);
        return 0;
    }
    pager_pid = pid;
    redirect_output(data[1]);
    return 1;
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
